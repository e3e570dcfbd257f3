package de.schulhaus.mail.web;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.files.CloudFiles;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/** "In Meine Dateien speichern": an attachment streamed from the raw message into the person's own files. */
@Controller
class AttachmentToCloudController {

	private final MailAccess access;
	private final MessageParts parts;
	private final CloudFiles cloud;

	AttachmentToCloudController(MailAccess access, MessageParts parts, CloudFiles cloud) {
		this.access = access;
		this.parts = parts;
		this.cloud = cloud;
	}

	@PostMapping("/mail/nachricht/{messageId}/anhang/cloud")
	String save(@AuthenticationPrincipal SchulhausUser user, @PathVariable String messageId, @RequestParam(required = false) Integer teil,
			RedirectAttributes redirect) throws IOException {
		StoredMessage message = access.message(user, messageId);
		MessageParts.Part part = (teil == null ? java.util.Optional.<MessageParts.Part>empty() : parts.part(message, teil)).orElseThrow(() -> new NotFoundException("part"));
		try (InputStream content = parts.open(message, teil)) {
			CloudFiles.CloudFile saved = cloud.saveToMyFiles(user, part.name(), part.type(), content);
			redirect.addFlashAttribute("toast", "mail.done.savedToCloud");
			redirect.addFlashAttribute("savedFile", saved.name());
		} catch (CloudFiles.NotSaved e) {
			redirect.addFlashAttribute("toast", "mail.error.notSavedToCloud");
		}
		return "redirect:/mail/nachricht/" + message.id();
	}
}
