package de.schulhaus.accounts;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.schulhaus.accounts.internal.CredentialChanges;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.BlobUsage;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.Quotas;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolQuotasChanged;

/**
 * How much a person's or a group's file space may hold: the person's (or group's) own quota where
 * the school admin set one, else the school's default for the role (or for groups). Modules ask
 * {@link #mayAdd} before an upload starts and attach with {@link #limitBytes}, so that the blob
 * store counts the upload against the limit in the attaching transaction.
 * <p>
 * A limit read is trusted for {@link #RECHECK} (a sync client's burst of small PUTs reads it once, not once a
 * file) unless this node changed a quota or a role since: a change made here applies to the next upload at
 * once, one made on another node within that second. The usage itself is never remembered.
 */
@Service
public class StorageQuotas {

	private static final long MB = 1024L * 1024L;

	private final JdbcClient jdbc;
	private final SchoolManagement schools;
	private final BlobUsage usage;
	private final AuditLog audit;
	/** Roles change with the credentials version: a role's default may be another limit. */
	private final CredentialChanges roleChanges;
	private final AtomicLong quotaChanges = new AtomicLong();
	private final Cache<BlobOwner, Limit> limits = Caffeine.newBuilder().maximumSize(100_000).build();

	static final java.time.Duration RECHECK = java.time.Duration.ofSeconds(1);

	/** A limit read at {@code at} (System.nanoTime), the counts of this node's changes taken before the read. */
	private record Limit(long bytes, long at, long quotaChanges, long roleChanges) {
	}

	StorageQuotas(JdbcClient jdbc, SchoolManagement schools, BlobUsage usage, AuditLog audit, CredentialChanges roleChanges) {
		this.jdbc = jdbc;
		this.schools = schools;
		this.usage = usage;
		this.audit = audit;
		this.roleChanges = roleChanges;
	}

	@EventListener
	void on(SchoolQuotasChanged event) {
		quotasChanged();
	}

	/** Counted when written and again when the transaction ends: a read between the two is not trusted afterwards. */
	private void quotasChanged() {
		quotaChanges.incrementAndGet();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					quotaChanges.incrementAndGet();
				}
			});
		}
	}

	/**
	 * The limit of the space in bytes: its own quota, else the school's default, read together in one query
	 * (every upload asks: a small PUT's cost is its statements).
	 */
	public long limitBytes(BlobOwner space) {
		long now = System.nanoTime();
		long quotas = quotaChanges.get();
		long roles = roleChanges.current();
		Limit known = limits.getIfPresent(space);
		if (known != null && known.quotaChanges() == quotas && known.roleChanges() == roles && now - known.at() < RECHECK.toNanos()) {
			return known.bytes();
		}
		long bytes = readLimitBytes(space);
		limits.put(space, new Limit(bytes, now, quotas, roles));
		return bytes;
	}

	private long readLimitBytes(BlobOwner space) {
		if (space.kind() == BlobOwner.Kind.GROUP) {
			// the school's and the office's spaces count as groups without a row: their quotas are the school's
			boolean schoolSpace = space.equals(BlobOwner.schoolSpace(space.schoolId()));
			boolean officeSpace = space.equals(BlobOwner.officeSpace(space.schoolId()));
			return jdbc.sql("select g.files_quota_mb, s.group_files_quota_mb, s.school_files_quota_mb, s.office_files_quota_mb from school s "
					+ "left join school_group g on g.id = :id and g.school_id = s.id where s.id = :school")
				.param("id", space.ownerId()).param("school", space.schoolId())
				.query((rs, n) -> {
					if (schoolSpace || officeSpace) {
						return rs.getLong(schoolSpace ? 3 : 4) * MB;
					}
					long own = rs.getLong(1);
					return (rs.wasNull() ? rs.getLong(2) : own) * MB;
				})
				.optional().orElseThrow(() -> new NotFoundException("school"));
		}
		if (space.kind() == BlobOwner.Kind.MAIL) {
			return mailLimitBytes(space);
		}
		return jdbc.sql("select a.role, a.files_quota_mb, s.teacher_files_quota_mb, s.pupil_files_quota_mb, s.staff_files_quota_mb, "
				+ "s.admin_files_quota_mb from account a join school s on s.id = a.school_id where a.id = :id and a.school_id = :school")
			.param("id", space.ownerId()).param("school", space.schoolId())
			.query((rs, n) -> {
				long own = rs.getLong(2);
				if (!rs.wasNull()) {
					return own * MB;
				}
				Quotas defaults = new Quotas(rs.getLong(3), 0, rs.getLong(4), 0, rs.getLong(5), 0, rs.getLong(6), 0, 0, 0, 0);
				return defaults.filesMb(de.schulhaus.platform.Role.valueOf(rs.getString(1))) * MB;
			})
			.optional().orElseThrow(() -> new NotFoundException("account"));
	}

	/** A person's mail quota: their own, else the school's default for their role. */
	private long mailLimitBytes(BlobOwner mail) {
		return jdbc.sql("select a.role, a.mail_quota_mb, s.teacher_mail_quota_mb, s.pupil_mail_quota_mb, s.staff_mail_quota_mb, "
				+ "s.admin_mail_quota_mb from account a join school s on s.id = a.school_id where a.id = :id and a.school_id = :school")
			.param("id", mail.ownerId()).param("school", mail.schoolId())
			.query((rs, n) -> {
				long own = rs.getLong(2);
				if (!rs.wasNull()) {
					return own * MB;
				}
				Quotas defaults = new Quotas(0, rs.getLong(3), 0, rs.getLong(4), 0, rs.getLong(5), 0, rs.getLong(6), 0, 0, 0);
				return defaults.mailMb(de.schulhaus.platform.Role.valueOf(rs.getString(1))) * MB;
			})
			.optional().orElseThrow(() -> new NotFoundException("account"));
	}

	/** Whether {@code bytes} more fit into the space now (the attach checks again, atomically). */
	public boolean mayAdd(BlobOwner space, long bytes) {
		return usage.bytesUsed(space) + bytes <= limitBytes(space);
	}

	/** A person's file space, full or not. */
	public Usage usageOfPerson(UUID schoolId, UUID accountId) {
		return usage(BlobOwner.account(schoolId, accountId));
	}

	public Usage usage(BlobOwner space) {
		return new Usage(usage.bytesUsed(space), limitBytes(space));
	}

	/** Usage of several people of one school, for a list: one query for the usage, one for their quotas. */
	public Map<UUID, Usage> usageOfPeople(UUID schoolId, Collection<UUID> accountIds) {
		Map<UUID, Usage> result = new HashMap<>();
		if (accountIds.isEmpty()) {
			return result;
		}
		Quotas defaults = schools.require(schoolId).quotas();
		Map<UUID, Long> used = usage.bytesUsedByAccounts(schoolId, accountIds);
		jdbc.sql("select id, role, files_quota_mb from account where school_id = :school and id in (:ids)")
			.param("school", schoolId).param("ids", List.copyOf(accountIds))
			.query((java.sql.ResultSet rs) -> {
				UUID id = rs.getObject(1, UUID.class);
				long own = rs.getLong(3);
				long limit = (rs.wasNull() ? defaults.filesMb(de.schulhaus.platform.Role.valueOf(rs.getString(2))) : own) * MB;
				result.put(id, new Usage(used.getOrDefault(id, 0L), limit));
			});
		return result;
	}

	/** The person's own quotas in MB (null: the school's default for their role). */
	@Transactional
	public void setPersonal(UUID schoolId, UUID accountId, Long filesMb, Long mailMb, SchulhausUser actor) {
		if ((filesMb != null && (filesMb < 0 || filesMb > 10_000_000)) || (mailMb != null && (mailMb < 0 || mailMb > 10_000_000))) {
			throw new InvalidInputException("filesQuotaMb", "accounts.error.quota");
		}
		String login = jdbc.sql("select login from account where id = :id and school_id = :school").param("id", accountId)
			.param("school", schoolId).query(String.class).optional().orElseThrow(() -> new NotFoundException("account"));
		quotasChanged();
		jdbc.sql("update account set files_quota_mb = :f, mail_quota_mb = :m where id = :id and school_id = :school")
			.param("f", filesMb).param("m", mailMb).param("id", accountId).param("school", schoolId).update();
		audit.record(schoolId, actor.accountId(), actor.login(), "account.quota", login, "files=" + filesMb + " mail=" + mailMb);
	}

	/** A group space's own file quota in MB (null: the school's default for group spaces). */
	@Transactional
	public void setGroup(UUID schoolId, UUID groupId, Long filesMb, SchulhausUser actor) {
		if (filesMb != null && (filesMb < 0 || filesMb > 10_000_000)) {
			throw new InvalidInputException("filesQuotaMb", "accounts.error.quota");
		}
		String name = jdbc.sql("select name from school_group where id = :id and school_id = :school").param("id", groupId)
			.param("school", schoolId).query(String.class).optional().orElseThrow(() -> new NotFoundException("group"));
		quotasChanged();
		jdbc.sql("update school_group set files_quota_mb = :f where id = :id and school_id = :school")
			.param("f", filesMb).param("id", groupId).param("school", schoolId).update();
		audit.record(schoolId, actor.accountId(), actor.login(), "group.quota", name, "files=" + filesMb);
	}

	/** A group space's own file quota as the admin set it, null for the school's default. */
	public Long groupFilesMb(UUID schoolId, UUID groupId) {
		// a list, not optional(): the row's null (no own quota) is an answer, not a missing group
		List<Long> found = jdbc.sql("select files_quota_mb from school_group where id = :id and school_id = :school")
			.param("id", groupId).param("school", schoolId)
			.query((rs, n) -> (Long) rs.getObject(1, Long.class)).list();
		if (found.isEmpty()) {
			throw new NotFoundException("group");
		}
		return found.get(0);
	}

	/** The person's own quotas as the admin set them (null fields: the school's default). */
	public PersonalQuota personal(UUID schoolId, UUID accountId) {
		return jdbc.sql("select files_quota_mb, mail_quota_mb from account where id = :id and school_id = :school")
			.param("id", accountId).param("school", schoolId)
			.query((rs, n) -> new PersonalQuota((Long) rs.getObject(1, Long.class), (Long) rs.getObject(2, Long.class)))
			.optional().orElseThrow(() -> new NotFoundException("account"));
	}

	public record PersonalQuota(Long filesMb, Long mailMb) {
	}

	/** Bytes used and allowed; {@link #percent} for the bar. */
	public record Usage(long usedBytes, long limitBytes) {

		public int percent() {
			return limitBytes <= 0 ? 100 : (int) Math.min(100, Math.round(usedBytes * 100.0 / limitBytes));
		}
	}
}
