package de.schulhaus.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.platform.BatchStatements;
import de.schulhaus.platform.Role;

/** The account table. Every read of a school's accounts takes the school id. */
@Repository
public class AccountRepository {

	static final String COLUMNS = "id, school_id, login, first_name, last_name, role, status, source, source_id, "
			+ "language, totp_enabled, must_change_password, created_at, last_sign_in_at";

	private final JdbcClient jdbc;
	private final BatchStatements batches;
	private final CredentialChanges changes;

	AccountRepository(JdbcClient jdbc, BatchStatements batches, CredentialChanges changes) {
		this.changes = changes;
		this.jdbc = jdbc;
		this.batches = batches;
	}

	private static final String INSERT = "insert into account (" + COLUMNS + ", password_hash) values (:id, :school, :login, "
			+ ":first, :last, :role, :status, :source, :sourceId, :lang, :totp, :mustChange, :created, null, :hash)";

	public void insert(Account a, String passwordHash) {
		jdbc.sql(INSERT).paramSource(insertParams(a, passwordHash)).update();
	}

	/** New accounts without a password (they get sign-in links), in batches. */
	public void insertAll(List<Account> accounts) {
		batches.run(INSERT, accounts.stream().map(a -> insertParams(a, null)).toList());
	}

	private static MapSqlParameterSource insertParams(Account a, String passwordHash) {
		return new MapSqlParameterSource().addValue("id", a.id()).addValue("school", a.schoolId()).addValue("login", a.login())
			.addValue("first", a.firstName()).addValue("last", a.lastName()).addValue("role", a.role().name())
			.addValue("status", a.status().name()).addValue("source", a.source().name()).addValue("sourceId", a.sourceId())
			.addValue("lang", a.language()).addValue("totp", a.totpEnabled()).addValue("mustChange", a.mustChangePassword())
			.addValue("created", Timestamp.from(a.createdAt())).addValue("hash", passwordHash);
	}

	public Optional<Account> find(UUID schoolId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from account where id = :id and school_id = :school")
			.param("id", id).param("school", schoolId).query(AccountRepository::map).optional();
	}

	/** Several people of one school in one query; ids of other schools or of nobody are left out. */
	public List<Account> findAll(UUID schoolId, java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from account where school_id = :school and id in (:ids)")
			.param("school", schoolId).param("ids", List.copyOf(ids)).query(AccountRepository::map).list();
	}

	/** People of one school by their logins (lower case), in one query; logins of another school or of nobody are left out. */
	public List<Account> findAllByLogin(UUID schoolId, java.util.Collection<String> logins) {
		if (logins.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from account where school_id = :school and lower(login) in (:logins)")
			.param("school", schoolId).param("logins", List.copyOf(logins)).query(AccountRepository::map).list();
	}

	/** By id across schools: only for the signed-in person themselves. */
	public Optional<Account> findById(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from account where id = :id").param("id", id).query(AccountRepository::map).optional();
	}

	public Optional<Account> findByLogin(String login) {
		return jdbc.sql("select " + COLUMNS + " from account where login = :login").param("login", login)
			.query(AccountRepository::map).optional();
	}

	/** The account and its password hash in one read, for sign-in. */
	public Optional<AccountWithHash> findForSignIn(String login) {
		return jdbc.sql("select " + COLUMNS + ", password_hash, failed_sign_ins, failed_sign_ins_since from account where login = :login")
			.param("login", login)
			.query((rs, n) -> {
				Timestamp since = rs.getTimestamp("failed_sign_ins_since");
				return new AccountWithHash(map(rs, n), rs.getString("password_hash"), rs.getInt("failed_sign_ins"),
						since == null ? null : since.toInstant());
			})
			.optional();
	}

	/** An account with what signing in needs: the hash and the failed sign-ins since a time. */
	public record AccountWithHash(Account account, String passwordHash, int failedSignIns, Instant failedSignInsSince) {
	}

	/**
	 * Counts a failed sign-in of the account with this login (none: nothing happens), in one
	 * statement so that nodes counting at the same time lose no failure. A count older than
	 * {@code windowStart} starts again at one.
	 */
	public void recordSignInFailure(String login, Instant now, Instant windowStart) {
		jdbc.sql("""
				update account set
				  failed_sign_ins = case when failed_sign_ins_since is null or failed_sign_ins_since < :start
				    then 1 else failed_sign_ins + 1 end,
				  failed_sign_ins_since = case when failed_sign_ins_since is null or failed_sign_ins_since < :start
				    then :now else failed_sign_ins_since end
				where login = :login""")
			.param("start", Timestamp.from(windowStart))
			.param("now", Timestamp.from(now))
			.param("login", login)
			.update();
	}

	public void clearSignInFailures(UUID id) {
		jdbc.sql("update account set failed_sign_ins = 0, failed_sign_ins_since = null where id = :id and failed_sign_ins > 0")
			.param("id", id)
			.update();
	}

	public Optional<String> passwordHash(UUID id) {
		return jdbc.sql("select password_hash from account where id = :id").param("id", id).query(String.class).optional();
	}

	/** All addresses in a mail domain, for numbering duplicates in bulk. */
	public java.util.Set<String> loginsInDomain(String domain) {
		return new java.util.HashSet<>(jdbc.sql("select login from account where login like :pattern")
			.param("pattern", "%@" + domain).query(String.class).list());
	}

	public List<String> loginsOfSchool(UUID schoolId) {
		return jdbc.sql("select login from account where school_id = :school").param("school", schoolId).query(String.class).list();
	}

	public boolean loginTaken(String login) {
		return jdbc.sql("select count(*) from account where login = :login").param("login", login).query(Long.class).single() > 0;
	}

	public List<Account> list(UUID schoolId, String query, Role role, int limit, int offset) {
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from account where school_id = :school");
		Map<String, Object> params = new java.util.HashMap<>(Map.of("school", schoolId, "limit", limit, "offset", offset));
		if (query != null && !query.isBlank()) {
			sql.append(" and (lower(login) like :q or lower(first_name) like :q or lower(last_name) like :q)");
			params.put("q", "%" + query.strip().toLowerCase() + "%");
		}
		if (role != null) {
			sql.append(" and role = :role");
			params.put("role", role.name());
		}
		sql.append(" order by last_name, first_name, login limit :limit offset :offset");
		return jdbc.sql(sql.toString()).params(params).query(AccountRepository::map).list();
	}

	public List<Account> bySource(UUID schoolId, AccountSource source) {
		return jdbc.sql("select " + COLUMNS + " from account where school_id = :school and source = :source")
			.param("school", schoolId).param("source", source.name()).query(AccountRepository::map).list();
	}

	public List<Account> byStatus(UUID schoolId, AccountStatus status) {
		return jdbc.sql("select " + COLUMNS + " from account where school_id = :school and status = :status order by last_name, first_name")
			.param("school", schoolId).param("status", status.name()).query(AccountRepository::map).list();
	}

	/** Active people who never chose a password: they still need a sign-in letter. */
	public List<Account> awaitingFirstSignIn(UUID schoolId) {
		return jdbc.sql("select " + COLUMNS + " from account where school_id = :school and status = 'ACTIVE' and must_change_password = true")
			.param("school", schoolId).query(AccountRepository::map).list();
	}

	public Map<UUID, Long> countsBySchool() {
		Map<UUID, Long> counts = new java.util.HashMap<>();
		jdbc.sql("select school_id, count(*) from account where school_id is not null group by school_id")
			.query((ResultSet rs) -> {
				counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		return counts;
	}

	// updates of a school's people name the school as well as the id: a foreign id changes nothing
	public void updateStatus(UUID schoolId, UUID id, AccountStatus status) {
		updateStatus(schoolId, List.of(id), status);
	}

	public void updateStatus(UUID schoolId, List<UUID> ids, AccountStatus status) {
		changes.changed();
		batches.run("update account set status = :s, credentials_version = credentials_version + 1 where id = :id and school_id = :school", ids.stream()
			.map(id -> new MapSqlParameterSource("s", status.name()).addValue("id", id).addValue("school", schoolId)).toList());
	}

	public record NamesAndRole(UUID id, String firstName, String lastName, Role role) {
	}

	public void updateNamesAndRole(UUID schoolId, UUID id, String first, String last, Role role) {
		updateNamesAndRoles(schoolId, List.of(new NamesAndRole(id, first, last, role)));
	}

	public void updateNamesAndRoles(UUID schoolId, List<NamesAndRole> changes) {
		this.changes.changed();
		batches.run("update account set first_name = :f, last_name = :l, credentials_version = credentials_version + case when role = :r then 0 else 1 end, role = :r where id = :id and school_id = :school", changes.stream()
			.map(c -> new MapSqlParameterSource("f", c.firstName()).addValue("l", c.lastName()).addValue("r", c.role().name())
				.addValue("id", c.id()).addValue("school", schoolId))
			.toList());
	}

	public void updatePassword(UUID id, String hash, boolean mustChange) {
		changes.changed();
		jdbc.sql("update account set password_hash = :h, must_change_password = :m, credentials_version = credentials_version + 1 where id = :id")
			.param("h", hash).param("m", mustChange).param("id", id).update();
	}

	/** Ends every remembered protocol sign-in of the account, on all nodes (see credentials_version). */
	public void bumpCredentialsVersion(UUID id) {
		changes.changed();
		jdbc.sql("update account set credentials_version = credentials_version + 1 where id = :id").param("id", id).update();
	}

	public void bumpCredentialsVersionOfSchool(UUID schoolId) {
		changes.changed();
		jdbc.sql("update account set credentials_version = credentials_version + 1 where school_id = :school").param("school", schoolId)
			.update();
	}

	/** For a change to sign-ins written elsewhere (a school's people deleted with it): felt by this node's next request at once. */
	public void credentialsChanged() {
		changes.changed();
	}

	public void markMustChangePassword(UUID id) {
		jdbc.sql("update account set must_change_password = true where id = :id").param("id", id).update();
	}

	public void updatePasswordHash(UUID id, String hash) {
		jdbc.sql("update account set password_hash = :h where id = :id").param("h", hash).param("id", id).update();
	}

	public void updateLanguage(UUID id, String language) {
		jdbc.sql("update account set language = :l where id = :id").param("l", language).param("id", id).update();
	}

	/** Switches TOTP on (with its sealed secret and the step of the code that proved it) or off (both null). */
	public void updateTotp(UUID id, String sealedSecret, boolean enabled, Long lastStep) {
		changes.changed();
		jdbc.sql("update account set totp_secret = :s, totp_enabled = :e, totp_last_step = :step, credentials_version = credentials_version + 1 where id = :id")
			.param("s", sealedSecret).param("e", enabled).param("step", lastStep).param("id", id).update();
	}

	public Optional<String> totpSecret(UUID id) {
		return jdbc.sql("select totp_secret from account where id = :id").param("id", id).query(String.class).optional();
	}

	/**
	 * Accepts a code's time step if it is later than the last one accepted: a code, even one seen
	 * over a shoulder, works once. One statement, so two nodes never both accept the same step.
	 */
	public boolean acceptTotpStep(UUID id, long step) {
		return jdbc.sql("update account set totp_last_step = :step where id = :id and (totp_last_step is null or totp_last_step < :step)")
			.param("step", step).param("id", id).update() == 1;
	}

	/** Counts a wrong second-factor code in one statement, like {@link #recordSignInFailure}. */
	public void recordCodeFailure(UUID id, Instant now, Instant windowStart) {
		jdbc.sql("""
				update account set
				  failed_codes = case when failed_codes_since is null or failed_codes_since < :start
				    then 1 else failed_codes + 1 end,
				  failed_codes_since = case when failed_codes_since is null or failed_codes_since < :start
				    then :now else failed_codes_since end
				where id = :id""")
			.param("start", Timestamp.from(windowStart))
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/** Wrong codes counted since {@code windowStart} (0 when the window has ended). */
	public int codeFailuresSince(UUID id, Instant windowStart) {
		return jdbc.sql("select case when failed_codes_since >= :start then failed_codes else 0 end from account where id = :id")
			.param("start", Timestamp.from(windowStart)).param("id", id).query(Integer.class).optional().orElse(0);
	}

	/** A finished sign-in: both failure counts start again. */
	public void clearAllSignInFailures(UUID id) {
		jdbc.sql("""
				update account set failed_sign_ins = 0, failed_sign_ins_since = null, failed_codes = 0, failed_codes_since = null
				where id = :id and (failed_sign_ins > 0 or failed_codes > 0)""")
			.param("id", id)
			.update();
	}

	/** Legacy rows with a TOTP secret in plain text, to be sealed once. */
	public List<Map.Entry<UUID, String>> plainTotpSecrets() {
		return jdbc.sql("select id, totp_secret from account where totp_secret is not null and totp_secret not like 'v1:%'")
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list();
	}

	public void replaceTotpSecret(UUID id, String plain, String sealed) {
		jdbc.sql("update account set totp_secret = :sealed where id = :id and totp_secret = :plain")
			.param("sealed", sealed).param("id", id).param("plain", plain).update();
	}

	public void touchSignIn(UUID id) {
		jdbc.sql("update account set last_sign_in_at = :t where id = :id").param("t", Timestamp.from(Instant.now())).param("id", id).update();
	}

	public void delete(UUID schoolId, UUID id) {
		deleteAll(schoolId, List.of(id));
	}

	public void deleteAll(UUID schoolId, List<UUID> ids) {
		changes.changed();
		batches.run("delete from account where id = :id and school_id = :school",
				ids.stream().map(id -> new MapSqlParameterSource("id", id).addValue("school", schoolId)).toList());
	}

	static Account map(ResultSet rs, int row) throws SQLException {
		Timestamp last = rs.getTimestamp("last_sign_in_at");
		return new Account(rs.getObject("id", UUID.class), rs.getObject("school_id", UUID.class), rs.getString("login"),
				rs.getString("first_name"), rs.getString("last_name"), Role.valueOf(rs.getString("role")),
				AccountStatus.valueOf(rs.getString("status")), AccountSource.valueOf(rs.getString("source")),
				rs.getString("source_id"), rs.getString("language"), rs.getBoolean("totp_enabled"),
				rs.getBoolean("must_change_password"), rs.getTimestamp("created_at").toInstant(),
				last == null ? null : last.toInstant());
	}
}
