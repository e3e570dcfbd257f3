package de.schulhaus.mail.imap;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.schulhaus.blobs.QuotaExceededException;
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
			+ "CONDSTORE UNSELECT CHILDREN " + QuotaCommands.CAPABILITIES;

	final ImapConnection connection;
	final ImapServices services;
	private final Executor executor;
	private final MailboxCommands mailboxCommands;
	private final MessageCommands messageCommands;
	private final QuotaCommands quotaCommands;
	private final SignIn signIn;
	final Object lock = new Object();
	final Semaphore changed = new Semaphore(0);
	SchulhausUser user;
	ImapFolders folders;
	SelectedFolder selected;
	boolean condstore;
	private AutoCloseable watch;
	/** Whether the session waits for the client (for a command, or for DONE in IDLE): a goodbye cannot cut into a response. */
	volatile boolean waiting;

	ImapSession(ImapConnection connection, ImapServices services, Executor executor) {
		this.connection = connection;
		this.services = services;
		this.executor = executor;
		this.mailboxCommands = new MailboxCommands(this);
		this.messageCommands = new MessageCommands(this);
		this.quotaCommands = new QuotaCommands(this);
		this.signIn = new SignIn(this);
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
	boolean plainAllowed() {
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
				signIn.startTls(tag);
				return false;
			}
			case "LOGIN" -> {
				signIn.login(tag);
				return false;
			}
			case "AUTHENTICATE" -> {
				signIn.authenticate(tag);
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
			new Idle(this, executor).run(tag);
			return false;
		}
		if (mailboxCommands.handles(command)) {
			mailboxCommands.run(tag, command);
			return true;
		}
		if (quotaCommands.handles(command)) {
			quotaCommands.run(tag, command);
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
		return command.equals("IDLE") || mailboxCommands.handles(command) || quotaCommands.handles(command) || messageCommands.handles(command);
	}

	void ok(String tag, String text) throws IOException {
		out().line(tag + " OK " + text);
	}

	private void id() throws IOException {
		in().space();
		int count = 0;
		if (in().peek() == '(') {
			in().read();
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
		if (count % 2 != 0) {
			// RFC 2971: fields and values come in pairs
			throw new BadCommandException("ID needs a value for every field");
		}
		out().line("* ID (\"name\" \"Schulhaus\" \"vendor\" \"Schulhaus\")");
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
			changed.drainPermits();
			if (selected != null) {
				ChangeReport.write(selected, services.messages().since(selected.folder(), selected.knownModseq()), condstore, out());
			}
		}
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
