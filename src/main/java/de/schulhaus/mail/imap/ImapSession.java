package de.schulhaus.mail.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.schulhaus.accounts.Scope;
import de.schulhaus.blobs.QuotaExceededException;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The state of one IMAP conversation (RFC 3501 3): not signed in, signed in, a folder selected. Reads a
 * command, hands it to the commands of its state and reports what others changed in the selected folder
 * where the protocol allows it. Every refusal says why; nothing a client sends ends the server.
 */
final class ImapSession {

	private static final Logger log = LoggerFactory.getLogger(ImapSession.class);
	private static final String BASE_CAPABILITIES = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS MOVE SPECIAL-USE "
			+ "CONDSTORE UNSELECT CHILDREN";

	final ImapConnection connection;
	final ImapServices services;
	private final Executor executor;
	private final MailboxCommands mailboxCommands;
	private final MessageCommands messageCommands;
	final Object lock = new Object();
	final Semaphore changed = new Semaphore(0);
	SchulhausUser user;
	ImapFolders folders;
	SelectedFolder selected;
	boolean condstore;
	private AutoCloseable watch;
	/** Whether the session waits for the client (for a command, or for DONE in IDLE): a goodbye cannot cut into a response. */
	private volatile boolean waiting;

	ImapSession(ImapConnection connection, ImapServices services, Executor executor) {
		this.connection = connection;
		this.services = services;
		this.executor = executor;
		this.mailboxCommands = new MailboxCommands(this);
		this.messageCommands = new MessageCommands(this);
	}

	ImapReader in() {
		return connection.reader();
	}

	ImapWriter out() {
		return connection.writer();
	}

	void greet() throws IOException {
		out().line("* OK [CAPABILITY " + capabilities() + "] Schulhaus IMAP bereit").flush();
	}

	String capabilities() {
		StringBuilder capabilities = new StringBuilder(BASE_CAPABILITIES);
		capabilities.append(" APPENDLIMIT=").append(services.properties().maxMessageSize().toBytes());
		if (user == null) {
			if (!connection.secure()) {
				capabilities.append(" STARTTLS");
			}
			capabilities.append(plainAllowed() ? " AUTH=PLAIN" : " LOGINDISABLED");
		}
		return capabilities.toString();
	}

	/** Passwords in the clear only inside TLS, or from this machine (local tools and tests). */
	private boolean plainAllowed() {
		return connection.secure() || connection.loopback();
	}

	/** Reads and answers one command; false when the connection is to end. */
	boolean next() throws IOException {
		ImapReader in = in();
		waiting = true;
		try {
			if (in.atEndOfStream()) {
				return false;
			}
		} finally {
			waiting = false;
		}
		String tag = "*";
		try {
			tag = in.tag();
			in.space();
			String command = in.atom().toUpperCase(Locale.ROOT);
			boolean report = run(tag, command);
			// after ordinary commands only when this node announced a change (a pipelining client such as mbsync
			// sends thousands); NOOP, CHECK and IDLE always look, so changes made on other nodes arrive there
			if (report && changed.availablePermits() > 0) {
				reportChanges();
			}
			out().flush();
			return !command.equals("LOGOUT");
		} catch (LineTooLongException e) {
			out().line("* BYE " + e.getMessage()).flush();
			return false;
		} catch (BadCommandException | IllegalArgumentException e) {
			skipRest();
			out().line(tag + " BAD " + e.getMessage()).flush();
		} catch (NoException e) {
			skipRest();
			out().line(tag + " NO " + (e.code() == null ? "" : "[" + e.code() + "] ") + e.getMessage()).flush();
		} catch (NotFoundException e) {
			skipRest();
			out().line(tag + " NO [NONEXISTENT] no such mailbox or message").flush();
		} catch (QuotaExceededException e) {
			skipRest();
			out().line(tag + " NO [OVERQUOTA] mailbox is full").flush();
		} catch (InvalidInputException e) {
			skipRest();
			out().line(tag + " NO [CANNOT] " + reason(e)).flush();
		} catch (ClientGoneException e) {
			return false;
		} catch (IOException e) {
			throw e;
		} catch (RuntimeException e) {
			log.warn("IMAP command failed", e);
			skipRest();
			out().line(tag + " NO [SERVERBUG] the server failed on this command; try again later").flush();
		}
		return true;
	}

	private void skipRest() throws IOException {
		if (in().midLine()) {
			in().skipLine();
		}
	}

	private static String reason(InvalidInputException e) {
		return switch (e.messageKey()) {
			case "mail.error.folderExists" -> "a folder of this name exists already";
			case "mail.error.folderStandard" -> "standard folders cannot be renamed or deleted";
			case "mail.error.folderName" -> "not a valid folder name";
			default -> "refused: " + e.messageKey();
		};
	}

	/** Runs a command; answers whether changes of others may be reported after it. */
	private boolean run(String tag, String command) throws IOException {
		switch (command) {
			case "CAPABILITY" -> {
				in().end();
				out().line("* CAPABILITY " + capabilities());
				ok(tag, "CAPABILITY completed");
				return false;
			}
			case "NOOP" -> {
				in().end();
				reportChanges();
				ok(tag, "NOOP completed");
				return false;
			}
			case "LOGOUT" -> {
				in().end();
				out().line("* BYE Schulhaus IMAP sagt tschüss".replace("ü", "ue"));
				ok(tag, "LOGOUT completed");
				return false;
			}
			case "ID" -> {
				id();
				ok(tag, "ID completed");
				return false;
			}
			case "STARTTLS" -> {
				startTls(tag);
				return false;
			}
			case "LOGIN" -> {
				login(tag);
				return false;
			}
			case "AUTHENTICATE" -> {
				authenticate(tag);
				return false;
			}
			default -> {
				// the commands of the signed-in states
			}
		}
		if (user == null) {
			in().skipLine();
			throw new BadCommandException(known(command) ? command + " needs a sign-in first" : "unknown command " + command);
		}
		if (command.equals("IDLE")) {
			idle(tag);
			return false;
		}
		if (mailboxCommands.handles(command)) {
			mailboxCommands.run(tag, command);
			return true;
		}
		if (messageCommands.handles(command)) {
			if (selected == null) {
				throw new BadCommandException(command + " needs a selected folder");
			}
			return messageCommands.run(tag, command);
		}
		throw new BadCommandException("unknown command " + command);
	}

	private boolean known(String command) {
		return command.equals("IDLE") || mailboxCommands.handles(command) || messageCommands.handles(command);
	}

	void ok(String tag, String text) throws IOException {
		out().line(tag + " OK " + text);
	}

	private void id() throws IOException {
		in().space();
		if (in().peek() == '(') {
			in().read();
			int count = 0;
			while (in().peek() != ')') {
				if (in().peek() == ' ') {
					in().read();
					continue;
				}
				in().astring();
				if (++count > 60) {
					throw new BadCommandException("too many ID fields");
				}
			}
			in().read();
		} else {
			in().atom();
		}
		in().end();
		out().line("* ID (\"name\" \"Schulhaus\" \"vendor\" \"Schulhaus\")");
	}

	private void startTls(String tag) throws IOException {
		in().end();
		if (connection.secure()) {
			throw new BadCommandException("TLS is on already");
		}
		if (user != null) {
			throw new BadCommandException("STARTTLS only before signing in");
		}
		ok(tag, "Begin TLS negotiation now");
		out().flush();
		connection.upgrade();
	}

	private void login(String tag) throws IOException {
		in().space();
		String login = in().astring();
		in().space();
		String password = in().astring();
		in().end();
		signIn(tag, login, password);
	}

	private void authenticate(String tag) throws IOException {
		in().space();
		String mechanism = in().atom();
		String initial = null;
		if (in().more()) {
			initial = in().atom();
		}
		in().end();
		if (!mechanism.equalsIgnoreCase("PLAIN")) {
			throw new NoException("CANNOT", "only AUTHENTICATE PLAIN is offered");
		}
		if (initial == null) {
			out().line("+ ").flush();
			initial = in().restOfLine();
		}
		if (initial.equals("*")) {
			throw new BadCommandException("authentication cancelled");
		}
		String[] parts;
		try {
			parts = new String(Base64.getDecoder().decode(initial.equals("=") ? "" : initial), StandardCharsets.UTF_8).split("\0", -1);
		} catch (IllegalArgumentException e) {
			throw new BadCommandException("the PLAIN response is not Base64");
		}
		if (parts.length != 3 || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
			throw new NoException("AUTHENTICATIONFAILED", "PLAIN needs an empty or matching authorization identity, a login and a password");
		}
		signIn(tag, parts[1], parts[2]);
	}

	private void signIn(String tag, String login, String password) throws IOException {
		if (user != null) {
			throw new BadCommandException("signed in already");
		}
		if (!plainAllowed()) {
			throw new NoException("PRIVACYREQUIRED", "sign in only after STARTTLS (or on port 993 with TLS)");
		}
		Optional<SchulhausUser> found = services.signIn().authenticate(login, password, Scope.MAIL, "imap",
				connection.clientAddress().getHostAddress());
		if (found.isEmpty()) {
			throw new NoException("AUTHENTICATIONFAILED", "wrong login or password, or not allowed for mail");
		}
		user = found.get();
		connection.signedIn();
		Mailbox personal = services.mailboxes().personal(user.schoolId(), user.accountId(), user.displayName());
		folders = new ImapFolders(services.mailboxes(), services.folders(), user.schoolId(), user.accountId(), personal);
		ok(tag, "[CAPABILITY " + capabilities() + "] signed in");
	}

	/** Selects a folder: watches its mailbox so IDLE wakes when anything in it changes. */
	void select(SelectedFolder folder) {
		unselect();
		selected = folder;
		changed.drainPermits();
		watch = services.watchers().watch(folder.folder().mailboxId(), folderId -> {
			if (folderId.equals(folder.folder().id())) {
				changed.release();
			}
		});
	}

	void unselect() {
		selected = null;
		if (watch != null) {
			try {
				watch.close();
			} catch (Exception ignored) {
				// nothing held
			}
			watch = null;
		}
	}

	/** Tells the client what others changed in the selected folder: expunges, new messages, flags. */
	void reportChanges() throws IOException {
		synchronized (lock) {
			SelectedFolder current = selected;
			if (current == null) {
				return;
			}
			changed.drainPermits();
			ImapMessages.Changes changes = services.messages().since(current.folder(), current.knownModseq());
			for (long uid : changes.expunged()) {
				int sequence = current.expunge(uid);
				if (sequence > 0) {
					out().line("* " + sequence + " EXPUNGE");
				}
			}
			int before = current.exists();
			for (ImapMessages.State state : changes.changed()) {
				if (state.uid() > current.largestUid()) {
					current.add(state.uid(), state.modseq());
				} else {
					int sequence = current.sequenceOf(state.uid());
					Long known = current.modseqOf(state.uid());
					if (sequence > 0 && known != null && known != state.modseq()) {
						current.noteModseq(state.uid(), state.modseq());
						out().line("* " + sequence + " FETCH (UID " + state.uid() + " FLAGS (" + String.join(" ", state.flags().names()) + ")"
								+ (condstore ? " MODSEQ (" + state.modseq() + ")" : "") + ")");
					}
				}
			}
			if (current.exists() != before) {
				out().line("* " + current.exists() + " EXISTS");
			}
			current.knownModseq(changes.highestModseq());
		}
	}

	/** IDLE (RFC 2177): changes are pushed as they are committed until the client sends DONE. */
	private void idle(String tag) throws IOException {
		in().end();
		out().line("+ idling").flush();
		reportChanges();
		out().flush();
		Semaphore stopped = new Semaphore(0);
		boolean[] stop = { false };
		executor.execute(() -> {
			try {
				while (true) {
					changed.tryAcquire(60, TimeUnit.SECONDS);
					synchronized (lock) {
						if (stop[0]) {
							break;
						}
						reportChanges();
						out().flush();
					}
				}
			} catch (InterruptedException | IOException | RuntimeException e) {
				log.debug("IDLE push ended: {}", e.getMessage());
			} finally {
				stopped.release();
			}
		});
		try {
			waiting = true;
			String done = in().restOfLine();
			waiting = false;
			if (!done.equalsIgnoreCase("DONE")) {
				throw new BadCommandException("expected DONE to end IDLE");
			}
		} finally {
			synchronized (lock) {
				waiting = false;
				stop[0] = true;
			}
			changed.release();
			stopped.acquireUninterruptibly();
		}
		reportChanges();
		ok(tag, "IDLE terminated");
	}

	/** Says goodbye when the server stops, if the client is not in the middle of a response. */
	void goodbye() {
		synchronized (lock) {
			if (!waiting) {
				return;
			}
			try {
				out().line("* BYE Der Server wird beendet / server shutting down").flush();
			} catch (IOException | RuntimeException gone) {
				// closing anyway
			}
		}
	}

	void close() {
		unselect();
	}
}
