package de.schulhaus.mail.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.contacts.DirectoryVisibility;
import de.schulhaus.contacts.SchoolDirectory;
import de.schulhaus.files.CloudFiles;
import de.schulhaus.mail.internal.MessageLists;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolManagement;

/**
 * What the compose page looks up while typing: addresses from the school's directory (people by name or
 * address, the groups' list addresses) for the last address in a field, only those the directory shows the
 * person ({@code contacts.SchoolDirectory}: pupils see what the school allows them), and files from the
 * person's cloud to attach.
 */
@Controller
class DirectoryController {

	private static final List<String> FIELDS = List.of("an", "cc", "bcc");
	private static final int PEOPLE = 8;
	private static final int LISTS = 5;

	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final MessageLists lists;
	private final SchoolManagement schools;
	private final CloudFiles cloud;
	private final SchoolDirectory directory;

	DirectoryController(AccountManagement accounts, GroupManagement groups, MessageLists lists, SchoolManagement schools, CloudFiles cloud,
			SchoolDirectory directory) {
		this.accounts = accounts;
		this.groups = groups;
		this.lists = lists;
		this.schools = schools;
		this.cloud = cloud;
		this.directory = directory;
	}

	/** A suggestion: the address to insert and how it reads. */
	record Suggestion(String address, String label) {
	}

	@GetMapping("/mail/adressen")
	String addresses(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "an") String feld,
			@RequestParam MultiValueMap<String, String> params, Model model) {
		if (user.schoolId() == null || !FIELDS.contains(feld)) {
			throw new NotFoundException("directory");
		}
		String typed = params.getFirst(feld) == null ? "" : params.getFirst(feld);
		String last = typed.substring(Math.max(typed.lastIndexOf(','), typed.lastIndexOf(';')) + 1).strip();
		List<Suggestion> found = new ArrayList<>();
		if (last.length() >= 2) {
			DirectoryVisibility visible = directory.visibleTo(user);
			// a pupil may see few of the matches: ask for more so that the eight shown are not all hidden ones (a name
			// matching hundreds of hidden people may still hide a visible one; typing on narrows it)
			int asked = visible.everyone() ? PEOPLE : PEOPLE * 25;
			accounts.list(user.schoolId(), last, null, asked, 0).stream()
				.filter(person -> person.active() && visible.seesPerson(person.id(), person.role())).limit(PEOPLE)
				.forEach(person -> found.add(new Suggestion(person.login(), person.displayName() + " <" + person.login() + ">")));
			String domain = schools.find(user.schoolId()).map(s -> s.mailDomain()).orElse("");
			List<MessageLists.ListAddress> listAddresses = !visible.everyone() && visible.groups().isEmpty() ? List.of()
					: lists.listAddresses(user.schoolId(), last, visible.everyone() ? LISTS : LISTS * 25).stream()
						.filter(list -> visible.seesGroup(list.groupId())).limit(LISTS).toList();
			Map<UUID, String> names = listAddresses.isEmpty() ? Map.of()
					: groups.list(user.schoolId()).stream().collect(Collectors.toMap(Group::id, Group::name, (a, b) -> a));
			for (MessageLists.ListAddress list : listAddresses) {
				String address = list.localPart() + "@" + domain;
				found.add(new Suggestion(address, names.getOrDefault(list.groupId(), list.localPart()) + " <" + address + ">"));
			}
		}
		model.addAttribute("suggestions", found);
		model.addAttribute("feld", feld);
		return "mail/compose :: suggestions";
	}

	@GetMapping("/mail/cloud")
	String cloudFiles(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String dateisuche, Model model) {
		if (user.schoolId() == null) {
			throw new NotFoundException("files");
		}
		model.addAttribute("files", cloud.search(user, dateisuche == null ? "" : dateisuche, 20));
		model.addAttribute("dateisuche", dateisuche == null ? "" : dateisuche.strip());
		return "mail/compose :: cloud-results";
	}

}
