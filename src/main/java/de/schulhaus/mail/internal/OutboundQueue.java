package de.schulhaus.mail.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.platform.Ids;

/**
 * Mail for addresses outside the platform, queued in the transaction that accepted it (so an SMTP
 * {@code 250} or the webmail's "gesendet" means it is durable), one row per recipient; a job sends it
 * through the smarthost, retries and bounces.
 */
@Service
public class OutboundQueue {

	private final JdbcClient jdbc;
	private final BlobStore blobs;

	OutboundQueue(JdbcClient jdbc, BlobStore blobs) {
		this.jdbc = jdbc;
		this.blobs = blobs;
	}

	/** Queues one of the copies for the recipients, inside the caller's transaction; answers the queued message's id. */
	UUID enqueue(UUID schoolId, UUID accountId, String envelopeFrom, Collection<String> recipients, MessageStore.Copies copies) {
		StagedMessage copy = copies.take();
		UUID blobId = blobs.attach(copy.blob(), BlobOwner.school(schoolId));
		UUID id = Ids.newId();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("insert into mail_outbound_message (id, school_id, account_id, envelope_from, blob_id, size_bytes, message_id, subject, created_at) "
				+ "values (:id, :school, :account, :from, :blob, :size, :messageId, :subject, :now)")
			.param("id", id).param("school", schoolId).param("account", accountId).param("from", envelopeFrom == null ? "" : envelopeFrom)
			.param("blob", blobId).param("size", copy.size()).param("messageId", copy.scan().messageId()).param("subject", copy.scan().subject())
			.param("now", now).update();
		for (String recipient : recipients) {
			jdbc.sql("insert into mail_outbound_recipient (message_id, address, school_id, attempts, next_attempt_at) "
					+ "values (:id, :address, :school, 0, :now)")
				.param("id", id).param("address", recipient).param("school", schoolId).param("now", now).update();
		}
		return id;
	}
}
