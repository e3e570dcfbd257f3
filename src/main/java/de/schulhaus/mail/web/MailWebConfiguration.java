package de.schulhaus.mail.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.mail.internal.MessageLists;
import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.BadgeProvider;
import de.schulhaus.platform.IsolatedRoute;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** The "E-Mail" app in the sidebar with the number of unread messages in the person's inbox. */
@Configuration
class MailWebConfiguration {

	static final String APP = "mail";

	@Bean
	AppTile mailTile() {
		return AppTile.app(APP, "mail.app", "mail", "/mail", 25, Set.of(Role.SCHOOL_ADMIN, Role.TEACHER, Role.STAFF, Role.PUPIL, Role.EXTERN));
	}

	// ids in query parameters and form fields, which the tenant-isolation test does not find by itself
	@Bean
	IsolatedRoute mailReplyToForeignMessage() {
		return IsolatedRoute.web("GET", "/mail/neu?antwort={messageId}");
	}

	@Bean
	IsolatedRoute mailForwardForeignMessage() {
		return IsolatedRoute.web("GET", "/mail/neu?weiterleiten={messageId}");
	}

	@Bean
	IsolatedRoute mailContinueForeignDraft() {
		return IsolatedRoute.web("GET", "/mail/neu?entwurf={messageId}");
	}

	@Bean
	IsolatedRoute mailActOnForeignMessage() {
		return IsolatedRoute.web("POST", "/mail/aktionen?auswahl={messageId}&aktion=loeschen");
	}

	@Bean
	IsolatedRoute mailFolderInForeignFolder() {
		return IsolatedRoute.web("POST", "/mail/ordner?name=Neu&oberordner={folderId}");
	}

	@Bean
	IsolatedRoute mailSendWithForeignAttachment() {
		return IsolatedRoute.web("POST", "/mail/neu?an=jemand@example.org&betreff=x&text=x&quelle={messageId}&behalten=2");
	}

	@Bean
	IsolatedRoute mailSendFromForeignMailbox() {
		return IsolatedRoute.web("POST", "/mail/neu?an=jemand@example.org&betreff=x&text=x&von={mailboxId}");
	}

	@Bean
	IsolatedRoute mailDraftAsForeignMailbox() {
		return IsolatedRoute.web("POST", "/mail/entwurf?betreff=x&text=x&von={mailboxId}");
	}

	@Bean
	IsolatedRoute mailAttachmentOfForeignMessage() {
		return IsolatedRoute.web("GET", "/mail/nachricht/{messageId}/anhang?teil=2");
	}

	@Bean
	BadgeProvider mailUnread(MessageLists lists) {
		return new BadgeProvider() {
			@Override
			public String appKey() {
				return APP;
			}

			@Override
			public long count(SchulhausUser person) {
				return person.schoolId() == null ? 0 : lists.unreadInbox(person.schoolId(), person.accountId());
			}
		};
	}
}
