package de.schulhaus.mail.digest;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Every minute, on one node: mails the due digests of unread chat mentions ({@link MentionDigestMail}). */
@Component
class MentionDigestJob {

	private static final Logger log = LoggerFactory.getLogger(MentionDigestJob.class);

	private final MentionDigestMail mail;

	MentionDigestJob(MentionDigestMail mail) {
		this.mail = mail;
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	@SchedulerLock(name = "mail.mention-digest", lockAtMostFor = "PT10M")
	void run() {
		int mailed = mail.send(Instant.now());
		if (mailed > 0) {
			log.debug("Mailed {} digests of unread chat mentions.", mailed);
		}
	}
}
