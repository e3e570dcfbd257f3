package de.schulhaus.mail.admin;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.platform.InvalidInputException;

/** A refused form's message, in the admin's language, for the page the form goes back to. */
@Component
class Problems {

	private final MessageSource messages;

	Problems(MessageSource messages) {
		this.messages = messages;
	}

	void flash(RedirectAttributes redirect, InvalidInputException ex) {
		redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), LocaleContextHolder.getLocale()));
		redirect.addFlashAttribute("problemField", ex.field());
	}
}
