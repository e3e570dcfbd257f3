package de.schulhaus.chat.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.chat.internal.NotAllowedException;
import de.schulhaus.chat.internal.PostingNotAllowedException;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.chat.internal.TooManyRoomsException;
import de.schulhaus.platform.InvalidInputException;

/** The messenger's refusals as people read them: why one may not post (with a mute's end), a refused form's reason. */
@Component
public class ChatRefusals {

	private static final java.time.format.DateTimeFormatter GERMAN = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm 'Uhr'");
	private static final java.time.format.DateTimeFormatter ENGLISH = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm");

	private final MessageSource texts;

	ChatRefusals(MessageSource texts) {
		this.texts = texts;
	}

	/** A moment as the platform writes it (29.11.2026, 08:00 Uhr), in the school's time and the request's language. */
	static String dateTime(java.time.Instant at) {
		boolean english = Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
		return (english ? ENGLISH : GERMAN).format(at.atZone(de.schulhaus.chat.internal.ChatRules.SCHOOL_TIME));
	}

	/** Why the person may not post in the room now (null: they may). */
	String whyNotPosting(RoomRights rights) {
		return rights.mayPost() ? null : text(rights.refusal());
	}

	public String text(PostingNotAllowedException e) {
		Locale locale = LocaleContextHolder.getLocale();
		Object[] args = args(e);
		return texts.getMessage(e.messageKey(), args, e.messageKey(), locale);
	}

	/** The refusal's message arguments: a mute's end. */
	static Object[] args(PostingNotAllowedException e) {
		return e.until() == null ? null : new Object[] { dateTime(e.until()) };
	}

	String text(String key, Object... args) {
		return texts.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	/** A refused form: its reason shown on the page the form goes back to. */
	void flash(RedirectAttributes redirect, RuntimeException e) {
		String message;
		if (e instanceof InvalidInputException invalid) {
			message = text(invalid.messageKey(), invalid.args());
		} else if (e instanceof NotAllowedException notAllowed) {
			message = text(notAllowed.messageKey());
		} else if (e instanceof PostingNotAllowedException posting) {
			message = text(posting);
		} else if (e instanceof TooManyRoomsException) {
			message = text(TooManyRoomsException.MESSAGE_KEY);
		} else {
			throw e;
		}
		redirect.addFlashAttribute("problem", message);
	}
}
