package de.schulhaus.accounts.api;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.accounts.imports.ImportLimitException;
import de.schulhaus.accounts.imports.ImportPlan;
import de.schulhaus.accounts.imports.RosterFormatException;
import de.schulhaus.accounts.imports.RosterImports;
import de.schulhaus.accounts.imports.RowError;
import de.schulhaus.accounts.imports.UploadTooLargeException;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.Tenancy;

/**
 * Roster import for provisioning scripts: the body is a SchILD XML export, its password-protected
 * ZIP, or a CSV with the usual headers. {@code dryRun=true} only answers what would happen. A body
 * beyond the upload limit answers 413, a file that cannot be read or breaks another limit 422, both
 * as problem details; {@code errors} lists the first row errors, {@code errorCount} counts them all.
 */
@RestController
class RosterImportApiController {

	private final RosterImports imports;
	private final MessageSource messages;

	RosterImportApiController(RosterImports imports, MessageSource messages) {
		this.imports = imports;
		this.messages = messages;
	}

	@PostMapping(path = "/api/v1/schools/{schoolId}/roster-imports")
	Summary importRoster(@PathVariable String schoolId, @RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(required = false) String zipPassword, @RequestParam(defaultValue = "true") boolean fullSync,
			HttpServletRequest request, @AuthenticationPrincipal SchulhausUser user) throws java.io.IOException {
		UUID school = Ids.parse(schoolId, "school");
		Tenancy.requireSchoolAdmin(user, school, "school");
		// a declared length beyond the limit is refused before a byte of the body is read
		imports.requireUploadSize(request.getContentLengthLong());
		try (InputStream body = request.getInputStream()) {
			ImportPlan plan = imports.run(school, request.getContentLengthLong(), body, request.getContentType(), zipPassword,
					fullSync, dryRun, user);
			return Summary.of(plan, dryRun, this::message);
		}
	}

	@ExceptionHandler(RosterFormatException.class)
	ProblemDetail unreadable(RosterFormatException e) {
		String kind = e instanceof UploadTooLargeException ? "upload-too-large"
				: e instanceof ImportLimitException ? "roster-too-large" : "roster-unreadable";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(
				e instanceof UploadTooLargeException ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNPROCESSABLE_CONTENT,
				messages.getMessage(e.messageKey(), e.args().toArray(), e.messageKey(), LocaleContextHolder.getLocale()));
		problem.setType(URI.create("urn:schulhaus:problem:" + kind));
		problem.setTitle(messages.getMessage("import.problem." + kind, null, kind, LocaleContextHolder.getLocale()));
		return problem;
	}

	private String message(RowError error) {
		return messages.getMessage(error.messageKey(), error.args().toArray(), error.messageKey(), LocaleContextHolder.getLocale());
	}

	record Summary(boolean dryRun, int created, int updated, int moved, int markedForDeletion, int unchanged,
			List<Map<String, Object>> errors, int errorCount) {

		static Summary of(ImportPlan plan, boolean dryRun, java.util.function.Function<RowError, String> message) {
			List<Map<String, Object>> errors = new ArrayList<>();
			for (RowError e : plan.errors()) {
				Map<String, Object> m = new java.util.LinkedHashMap<>();
				if (e.row() != null) {
					m.put("row", e.row());
				}
				if (e.sourceId() != null) {
					m.put("sourceId", e.sourceId());
				}
				m.put("message", message.apply(e));
				errors.add(m);
			}
			return new Summary(dryRun, plan.created().size(), plan.updated().size(), plan.moved().size(),
					plan.markedForDeletion().size(), plan.unchanged(), errors, plan.errorCount());
		}
	}
}
