package de.schulhaus.accounts.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.imports.ColumnMapping;
import de.schulhaus.accounts.imports.RosterFormatException;
import de.schulhaus.accounts.imports.RosterImports;
import de.schulhaus.accounts.imports.UploadTooLargeException;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * Roster import for the school admin: upload, map columns, preview, confirm. A file that cannot be read or
 * breaks a limit is refused at the upload, with the reason on the start page (413 or 422).
 */
@Controller
@RequestMapping("/verwaltung/import")
class ImportController {

	private final RosterImports imports;
	private final AccountManagement accounts;

	ImportController(RosterImports imports, AccountManagement accounts) {
		this.imports = imports;
		this.accounts = accounts;
	}

	@GetMapping
	String start(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("marked", accounts.markedForDeletion(user.schoolId()).size());
		model.addAttribute("limits", imports.limits());
		return "accounts/import";
	}

	@PostMapping
	String upload(@AuthenticationPrincipal SchulhausUser user, @RequestParam(value = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String zipPassword, RedirectAttributes redirect, Model model,
			HttpServletResponse response) throws IOException {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("importError", "import.error.noFile");
			return "redirect:/verwaltung/import";
		}
		UUID id;
		try (InputStream in = file.getInputStream()) {
			id = imports.upload(user.schoolId(), user, file.getOriginalFilename(), file.getContentType(), file.getSize(), in,
					zipPassword);
		}
		catch (RosterFormatException e) {
			response.setStatus((e instanceof UploadTooLargeException ? HttpStatus.CONTENT_TOO_LARGE
					: HttpStatus.UNPROCESSABLE_CONTENT).value());
			return unreadable(e, model, user);
		}
		return imports.isTable(imports.require(user.schoolId(), id)) ? "redirect:/verwaltung/import/" + id + "/spalten"
				: "redirect:/verwaltung/import/" + id;
	}

	@GetMapping("/{uploadId}/spalten")
	String columns(@AuthenticationPrincipal SchulhausUser user, @PathVariable String uploadId, Model model) {
		UUID id = Ids.parse(uploadId, "upload");
		try {
			model.addAttribute("table", imports.tablePreview(user.schoolId(), id));
		}
		catch (RosterFormatException e) {
			return unreadable(e, model, user);
		}
		model.addAttribute("uploadId", id);
		return "accounts/import-columns";
	}

	@PostMapping("/{uploadId}/spalten")
	String saveColumns(@AuthenticationPrincipal SchulhausUser user, @PathVariable String uploadId, @RequestParam String sourceId,
			@RequestParam String lastName, @RequestParam String firstName, @RequestParam(required = false) String group,
			@RequestParam String kind) {
		UUID id = Ids.parse(uploadId, "upload");
		imports.saveMapping(user.schoolId(), id, new ColumnMapping(sourceId, lastName, firstName,
				group == null || group.isBlank() ? null : group, kind));
		return "redirect:/verwaltung/import/" + id;
	}

	@GetMapping("/{uploadId}")
	String preview(@AuthenticationPrincipal SchulhausUser user, @PathVariable String uploadId,
			@RequestParam(defaultValue = "true") boolean fullSync, Model model) {
		UUID id = Ids.parse(uploadId, "upload");
		try {
			model.addAttribute("plan", imports.preview(user.schoolId(), id, fullSync));
		}
		catch (RosterFormatException e) {
			return unreadable(e, model, user);
		}
		model.addAttribute("upload", imports.require(user.schoolId(), id));
		model.addAttribute("fullSync", fullSync);
		return "accounts/import-preview";
	}

	@PostMapping("/{uploadId}/bestaetigen")
	String confirm(@AuthenticationPrincipal SchulhausUser user, @PathVariable String uploadId,
			@RequestParam(defaultValue = "false") boolean fullSync, Model model) {
		UUID id = Ids.parse(uploadId, "upload");
		try {
			model.addAttribute("plan", imports.confirm(user.schoolId(), id, fullSync, user));
		}
		catch (RosterFormatException e) {
			return unreadable(e, model, user);
		}
		return "accounts/import-done";
	}

	@GetMapping("/vorgemerkt")
	String marked(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("people", accounts.markedForDeletion(user.schoolId()));
		return "accounts/import-marked";
	}

	@PostMapping("/vorgemerkt/loeschen")
	String deleteMarked(@AuthenticationPrincipal SchulhausUser user, RedirectAttributes redirect) {
		int deleted = imports.deleteMarked(user.schoolId(), user);
		redirect.addFlashAttribute("deletedCount", deleted);
		return "redirect:/verwaltung/import";
	}

	private String unreadable(RosterFormatException e, Model model, SchulhausUser user) {
		model.addAttribute("formatError", e);
		return start(user, model);
	}
}
