package de.schulhaus.files.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.files.internal.Links;
import de.schulhaus.files.internal.Shares;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.SchulhausUser;

/**
 * Sharing a file or folder from its details page: with people and groups of the school (to read or to
 * change), and by links for people without an account (download or upload-only, with password, expiry
 * and a number of downloads). Only where the person may change the whole space.
 */
@Controller
class FileSharingController {

	private final FileBrowserSpaces spaces;
	private final Shares shares;
	private final Links links;
	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final PlatformProperties platform;
	private final MessageSource messages;

	FileSharingController(FileBrowserSpaces spaces, Shares shares, Links links, AccountManagement accounts, GroupManagement groups,
			PlatformProperties platform, MessageSource messages) {
		this.spaces = spaces;
		this.shares = shares;
		this.links = links;
		this.accounts = accounts;
		this.groups = groups;
		this.platform = platform;
		this.messages = messages;
	}

	/** The sharing panel: the page's htmx loads the fragment, without script it is a page of its own. */
	@GetMapping("/dateien/{space}/teilen")
	String panel(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		model.addAttribute("space", opened);
		model.addAttribute("path", FileLocation.text(path));
		model.addAttribute("name", path.isRoot() ? opened.name() : path.name());
		model.addAttribute("detailsHref", FileLocation.url(opened.key(), "details", path));
		model.addAttribute("mayShare", mayShare(opened, path));
		if (mayShare(opened, path)) {
			opened.repository().find(path).orElseThrow(() -> new NotFoundException("file"));
			List<Shares.Share> found = shares.sharesOf(opened.repository(), path);
			java.util.Map<UUID, String> people = accounts.names(user.schoolId(),
					found.stream().filter(s -> s.granteeKind() == Shares.GranteeKind.PERSON).map(Shares.Share::granteeId).toList());
			java.util.Map<UUID, String> groupNames = found.stream().anyMatch(s -> s.granteeKind() == Shares.GranteeKind.GROUP)
					? groups.list(user.schoolId()).stream().collect(java.util.stream.Collectors.toMap(Group::id, Group::name)) : java.util.Map.of();
			model.addAttribute("shares", found.stream().map(s -> new ShareView(s.id(),
					(s.granteeKind() == Shares.GranteeKind.PERSON ? people : groupNames).getOrDefault(s.granteeId(), "–"),
					s.granteeKind() == Shares.GranteeKind.GROUP, s.mayWrite())).toList());
			model.addAttribute("links", links.linksOf(opened.repository(), path).stream().map(this::view).toList());
		}
		return htmx != null ? "files/sharing :: sharing" : "files/sharing-page";
	}

	/** People and groups of the school whose name matches, to share with: at most ten of each. */
	@GetMapping("/dateien/{space}/teilen/suche")
	String candidates(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(defaultValue = "") String q,
			Model model) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		String query = q.strip();
		List<Candidate> found = new ArrayList<>();
		if (query.length() >= 2 && opened.space().writable()) {
			accounts.list(user.schoolId(), query, null, 10, 0).stream().filter(a -> !a.id().equals(user.accountId()))
				.forEach(a -> found.add(new Candidate("person:" + a.id(), a.firstName() + " " + a.lastName(), false)));
			String lower = query.toLowerCase(Locale.ROOT);
			groups.list(user.schoolId()).stream().filter(g -> !g.archived() && g.name().toLowerCase(Locale.ROOT).contains(lower)).limit(10)
				.forEach(g -> found.add(new Candidate("group:" + g.id(), g.name(), true)));
		}
		model.addAttribute("candidates", found);
		model.addAttribute("query", query);
		return "files/sharing :: candidates";
	}

	@PostMapping("/dateien/{space}/teilen")
	String share(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			@RequestParam(defaultValue = "") String empfaenger, @RequestParam(defaultValue = "lesen") String recht, RedirectAttributes redirect,
			Locale locale) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		String back = FileLocation.url(opened.key(), "details", path);
		int colon = empfaenger.indexOf(':');
		if (colon < 0) {
			return problem(redirect, locale, back, "files.share.error.nobody");
		}
		Shares.GranteeKind kind = "group".equals(empfaenger.substring(0, colon)) ? Shares.GranteeKind.GROUP : Shares.GranteeKind.PERSON;
		UUID grantee = Ids.parse(empfaenger.substring(colon + 1), "grantee");
		try {
			shares.share(opened.repository(), path, kind, grantee, "aendern".equals(recht), user);
		}
		catch (DavException ex) {
			return problem(redirect, locale, back, ex.status() == 409 ? "files.share.error.yours" : "files.error.readOnly");
		}
		redirect.addFlashAttribute("toast", "files.toast.shared");
		return "redirect:" + back;
	}

	@PostMapping("/dateien/{space}/teilen/{share}/beenden")
	String unshare(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @PathVariable String share,
			@RequestParam(required = false) String pfad, RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		shares.unshare(opened.repository(), Ids.parse(share, "share"), user);
		redirect.addFlashAttribute("toast", "files.toast.unshared");
		return "redirect:" + FileLocation.url(opened.key(), "details", FileLocation.parse(pfad));
	}

	@PostMapping("/dateien/{space}/links")
	String createLink(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @RequestParam(required = false) String pfad,
			@RequestParam(defaultValue = "download") String art, @RequestParam(defaultValue = "") String passwort,
			@RequestParam(defaultValue = "") String ablauf, @RequestParam(defaultValue = "") String downloads, RedirectAttributes redirect,
			Locale locale) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		DavPath path = FileLocation.parse(pfad);
		String back = FileLocation.url(opened.key(), "details", path);
		LocalDate expires;
		Integer max;
		try {
			expires = ablauf.isBlank() ? null : LocalDate.parse(ablauf.strip());
			max = downloads.isBlank() ? null : Integer.valueOf(downloads.strip());
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			return problem(redirect, locale, back, "files.link.error.input");
		}
		try {
			Links.Link link = links.create(opened.repository(), path, "abgabe".equals(art), passwort, expires, max, user);
			redirect.addFlashAttribute("newLink", url(link));
			redirect.addFlashAttribute("toast", "files.toast.linkCreated");
		}
		catch (Links.LinkRefused ex) {
			return problem(redirect, locale, back, ex.messageKey());
		}
		catch (DavException ex) {
			return problem(redirect, locale, back, "files.error.readOnly");
		}
		return "redirect:" + back;
	}

	@PostMapping("/dateien/{space}/links/{link}/loeschen")
	String removeLink(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space, @PathVariable String link,
			@RequestParam(required = false) String pfad, RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = spaces.open(user, space);
		links.remove(opened.repository(), Ids.parse(link, "link"), user);
		redirect.addFlashAttribute("toast", "files.toast.linkRemoved");
		return "redirect:" + FileLocation.url(opened.key(), "details", FileLocation.parse(pfad));
	}

	private String problem(RedirectAttributes redirect, Locale locale, String back, String key) {
		redirect.addFlashAttribute("problemField", "share");
		redirect.addFlashAttribute("problemText", messages.getMessage(key, null, key, locale));
		return "redirect:" + back;
	}

	private static boolean mayShare(FileBrowserSpaces.Space space, DavPath path) {
		return space.space().writable() && space.space().whole() && !path.isRoot();
	}

	private LinkView view(Links.Link link) {
		return new LinkView(link.id(), url(link), link.uploadOnly(), link.hasPassword(), link.expires(), link.downloads(), link.maxDownloads());
	}

	private String url(Links.Link link) {
		return platform.baseUrl() + "/s/" + link.token();
	}

	/** Someone to share with: {@code person:<id>} or {@code group:<id>}. */
	record Candidate(String value, String name, boolean group) {
	}

	record ShareView(UUID id, String name, boolean group, boolean mayWrite) {
	}

	record LinkView(UUID id, String url, boolean uploadOnly, boolean hasPassword, Instant expires, int downloads, Integer maxDownloads) {
	}
}
