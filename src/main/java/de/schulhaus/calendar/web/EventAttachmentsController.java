package de.schulhaus.calendar.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The event dialog's file picker: files by name from the person's cloud, and the dialog's line for one
 * picked; a file the person may not read answers 404 like one that does not exist.
 */
@Controller
class EventAttachmentsController {

	private final EventAttachmentChoices attachments;

	EventAttachmentsController(EventAttachmentChoices attachments) {
		this.attachments = attachments;
	}

	@GetMapping("/kalender/anhaenge/suche")
	String search(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String dateisuche, Model model) {
		if (user.schoolId() == null) {
			throw new NotFoundException("school");
		}
		model.addAttribute("found", attachments.search(user, dateisuche));
		model.addAttribute("query", dateisuche == null ? "" : dateisuche.strip());
		return "calendar/event :: attachment-results";
	}

	@GetMapping("/kalender/anhaenge/{fileId}")
	String picked(@AuthenticationPrincipal SchulhausUser user, @PathVariable String fileId, Model model) {
		var file = attachments.readable(user, Ids.parse(fileId, "file")).orElseThrow(() -> new NotFoundException("file"));
		model.addAttribute("a", EventAttachmentChoices.row(file));
		return "calendar/event :: attachment-row";
	}
}
