package de.schulhaus.calendar.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ContentDisposition;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarFeeds;
import de.schulhaus.calendar.internal.CalendarFilesService;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.InvalidCalendarData;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.PublicPath;
import de.schulhaus.platform.SchulhausUser;

/**
 * A calendar as a file: export as .ics, a secret subscription address (shown once, revocable), and the
 * import of an .ics file with a preview first.
 */
@Controller
class CalendarFilesController {

	private final Calendars calendars;
	private final CalendarFilesService files;
	private final CalendarFeeds feeds;
	private final AccountManagement accounts;
	private final MessageSource messages;

	CalendarFilesController(Calendars calendars, CalendarFilesService files, CalendarFeeds feeds, AccountManagement accounts, MessageSource messages) {
		this.calendars = calendars;
		this.files = files;
		this.feeds = feeds;
		this.accounts = accounts;
		this.messages = messages;
	}

	@Bean
	static PublicPath calendarFeedPath() {
		return new PublicPath("/kalender/abo/**");
	}

	@GetMapping("/kalender/{calendarId}/datei")
	String page(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID calendarId, Model model) {
		Calendar calendar = calendar(user, calendarId);
		model.addAttribute("calendar", calendar);
		model.addAttribute("subscribed", feeds.exists(user, calendar));
		return "calendar/file";
	}

	@GetMapping("/kalender/{calendarId}/export.ics")
	void export(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID calendarId, HttpServletResponse response) throws IOException {
		Calendar calendar = calendar(user, calendarId);
		response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(calendar.name() + ".ics", StandardCharsets.UTF_8).build()
			.toString());
		write(calendar, user, response);
	}

	@PostMapping("/kalender/{calendarId}/abo")
	String subscribe(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID calendarId, HttpServletRequest request,
			RedirectAttributes redirect) {
		Calendar calendar = calendar(user, calendarId);
		String token = feeds.create(user, calendar);
		String base = request.getScheme() + "://" + request.getServerName()
				+ (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
		redirect.addFlashAttribute("feedUrl", base + request.getContextPath() + "/kalender/abo/" + token);
		return "redirect:/kalender/" + calendarId + "/datei";
	}

	@PostMapping("/kalender/{calendarId}/abo/widerrufen")
	String revoke(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID calendarId, RedirectAttributes redirect) {
		feeds.revoke(user, calendar(user, calendarId));
		redirect.addFlashAttribute("toast", "calendar.file.revoked");
		return "redirect:/kalender/" + calendarId + "/datei";
	}

	@PostMapping("/kalender/{calendarId}/import")
	String stage(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID calendarId, @RequestParam(required = false) MultipartFile file,
			RedirectAttributes redirect, Locale locale) throws IOException {
		Calendar calendar = calendar(user, calendarId);
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException("file", "calendar.import.error.empty");
			}
			var preview = files.stage(user, calendar, file.getOriginalFilename(), file.getInputStream());
			return "redirect:/kalender/" + calendarId + "/import/" + preview.id();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
		}
		catch (InvalidCalendarData ex) {
			redirect.addFlashAttribute("problem", messages.getMessage("calendar.import.error.invalid", new Object[] { ex.getMessage() }, locale));
		}
		return "redirect:/kalender/" + calendarId + "/datei";
	}

	@GetMapping("/kalender/{calendarId}/import/{importId}")
	String preview(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID calendarId, @PathVariable UUID importId, Model model) {
		Calendar calendar = calendar(user, calendarId);
		model.addAttribute("calendar", calendar);
		model.addAttribute("preview", files.preview(user, calendar, importId));
		return "calendar/import";
	}

	@PostMapping("/kalender/{calendarId}/import/{importId}")
	String confirm(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID calendarId, @PathVariable UUID importId,
			RedirectAttributes redirect, Locale locale) {
		Calendar calendar = calendar(user, calendarId);
		try {
			var done = files.confirm(user, calendar, importId);
			redirect.addFlashAttribute("imported", messages.getMessage("calendar.import.done", new Object[] { done.added(), done.replaced() }, locale));
		}
		catch (de.schulhaus.calendar.internal.Bookings.Conflict ex) {
			redirect.addFlashAttribute("problem", messages.getMessage("calendar.import.error.booked",
					new Object[] { ex.existing().resourceName() }, locale));
		}
		catch (de.schulhaus.calendar.internal.ExamRules.TooMany ex) {
			redirect.addFlashAttribute("problem", messages.getMessage("calendar.import.error.exams", new Object[] { ex.limit() }, locale));
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
		}
		return "redirect:/kalender/" + calendarId + "/datei";
	}

	/** The feed a calendar program fetches: no session, the token is the credential; 404 when the person no longer sees the calendar. */
	@GetMapping("/kalender/abo/{token}")
	void feed(@PathVariable String token, HttpServletResponse response) throws IOException {
		CalendarFeeds.Feed feed = feeds.open(token).orElseThrow(() -> new NotFoundException("feed"));
		Account account = accounts.find(feed.schoolId(), feed.accountId()).filter(a -> a.status() == AccountStatus.ACTIVE)
			.orElseThrow(() -> new NotFoundException("feed"));
		SchulhausUser person = new SchulhausUser(account.id(), account.schoolId(), account.login(), account.displayName(), account.role(),
				account.language(), account.totpEnabled(), true, null);
		Calendar calendar = CalendarFilesService.visible(calendars.visibleTo(person), feed.calendarId()).orElseThrow(() -> new NotFoundException("feed"));
		response.setHeader("Cache-Control", "private, max-age=300");
		write(calendar, person, response);
	}

	private void write(Calendar calendar, SchulhausUser reader, HttpServletResponse response) throws IOException {
		response.setContentType("text/calendar;charset=UTF-8");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		files.export(calendar, reader, out);
		out.flush();
	}

	private Calendar calendar(SchulhausUser user, UUID id) {
		return calendars.find(user, id.toString()).orElseThrow(() -> new NotFoundException("calendar"));
	}
}
