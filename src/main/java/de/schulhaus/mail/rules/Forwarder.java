package de.schulhaus.mail.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.MessageTooLargeException;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.mail.internal.Submission;
import de.schulhaus.platform.Role;

import jakarta.mail.internet.InternetHeaders;

/**
 * Sends what arrived on to the person's forwarding address, unchanged but for a header that names the
 * forwarder (so that two people forwarding to each other stop after one round), from the person's address.
 */
@Component
class Forwarder {

	static final String HEADER = "X-Schulhaus-Forwarded";
	private static final int MAX_HOPS = 5;
	private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

	private final MessageStore store;
	private final MailFolders folders;
	private final Submission submission;
	private final MailPolicies policies;
	private final MailRules rules;

	Forwarder(MessageStore store, MailFolders folders, Submission submission, MailPolicies policies, MailRules rules) {
		this.store = store;
		this.folders = folders;
		this.submission = submission;
		this.policies = policies;
		this.rules = rules;
	}

	/** Forwards the message if the school still allows it; answers whether it went. */
	boolean forward(Submission.Sender person, Role role, Forwarding forwarding, StoredMessage message, InternetHeaders headers) {
		String[] hops = headers.getHeader(HEADER);
		if (hops != null && (hops.length >= MAX_HOPS
				|| Arrays.stream(hops).anyMatch(h -> h.strip().toLowerCase(Locale.ROOT).equals(person.address())))) {
			return false;
		}
		if (!rules.allowed(person.schoolId(), role, forwarding.address())) {
			log.debug("Forwarding of {} to {} is no longer allowed by the school.", person.address(), forwarding.address());
			return false;
		}
		Submission.Result result;
		byte[] prefix = (HEADER + ": " + person.address() + "\r\n").getBytes(StandardCharsets.US_ASCII);
		try (InputStream raw = store.open(message)) {
			result = submission.submit(person, List.of(forwarding.address()),
					store.stage(new SequenceInputStream(new ByteArrayInputStream(prefix), raw), policies.of(person.schoolId(), role).maxMessageBytes()),
					false);
		} catch (MessageTooLargeException tooLarge) {
			log.debug("Not forwarding a message of {} bytes for {}: larger than the role allows.", message.sizeBytes(), person.address());
			return false;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (result.anyAccepted() && !forwarding.keepCopy()) {
			folders.find(message.schoolId(), message.folderId()).ifPresent(folder -> store.delete(folder, List.of(message.uid())));
		}
		return result.anyAccepted();
	}
}
