package de.schulhaus.schools.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.NewSchool;
import de.schulhaus.schools.Quotas;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolBulkImport;
import de.schulhaus.schools.SchoolFigures;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolStatus;
import de.schulhaus.schools.SchoolType;

/** The operator console: schools with their rollout status and counts. */
@Controller
@RequestMapping("/betrieb/schulen")
@PreAuthorize("hasRole('OPERATOR')")
class OperatorSchoolsController {

	private final SchoolManagement schools;
	private final SchoolBulkImport bulkImport;
	private final List<SchoolFigures> figures;

	OperatorSchoolsController(SchoolManagement schools, SchoolBulkImport bulkImport, List<SchoolFigures> figures) {
		this.schools = schools;
		this.bulkImport = bulkImport;
		this.figures = figures;
	}

	@GetMapping
	String list(Model model) {
		List<School> all = schools.list();
		Map<UUID, Long> accounts = figures.isEmpty() ? Map.of() : figures.get(0).countsBySchool();
		model.addAttribute("schools", all);
		model.addAttribute("accountCounts", accounts);
		model.addAttribute("statusCounts", all.stream()
			.collect(java.util.stream.Collectors.groupingBy(School::status, java.util.stream.Collectors.counting())));
		model.addAttribute("types", SchoolType.values());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new SchoolForm("", "", null, ""));
		}
		return "schools/list";
	}

	@PostMapping
	String create(@ModelAttribute("form") SchoolForm form, @AuthenticationPrincipal SchulhausUser user, Model model,
			RedirectAttributes redirect) {
		try {
			School school = schools.create(new NewSchool(form.name(), form.schoolNumber(), form.type(), form.mailDomain()), user);
			redirect.addFlashAttribute("toast", "schools.toast.created");
			return "redirect:/betrieb/schulen/" + school.id();
		}
		catch (InvalidInputException e) {
			model.addAttribute("fieldError", e);
			return list(model);
		}
	}

	@PostMapping("/import")
	String bulk(@RequestParam("file") MultipartFile file, @AuthenticationPrincipal SchulhausUser user, Model model) throws IOException {
		try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
			model.addAttribute("bulkResult", bulkImport.run(reader, user));
		}
		return list(model);
	}

	@GetMapping("/{schoolId}")
	String show(@PathVariable String schoolId, Model model) {
		School school = schools.require(Ids.parse(schoolId, "school"));
		model.addAttribute("school", school);
		model.addAttribute("statuses", java.util.Arrays.stream(SchoolStatus.values()).filter(st -> st != SchoolStatus.DELETED).toList());
		return "schools/show";
	}

	@PostMapping("/{schoolId}/status")
	String status(@PathVariable String schoolId, @RequestParam SchoolStatus status, @AuthenticationPrincipal SchulhausUser user,
			RedirectAttributes redirect) {
		UUID id = Ids.parse(schoolId, "school");
		try {
			schools.changeStatus(id, status, user);
			redirect.addFlashAttribute("toast", "schools.toast.statusChanged");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/betrieb/schulen/" + id;
	}

	/** Deletes a suspended school for good, after its number was typed as confirmation. */
	@PostMapping("/{schoolId}/loeschen")
	String delete(@PathVariable String schoolId, @RequestParam(required = false) String confirm, @AuthenticationPrincipal SchulhausUser user,
			RedirectAttributes redirect) {
		UUID id = Ids.parse(schoolId, "school");
		try {
			schools.delete(id, confirm, user);
			redirect.addFlashAttribute("toast", "schools.toast.deleted");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/betrieb/schulen/" + id;
	}

	@PostMapping("/{schoolId}/quotas")
	String quotas(@PathVariable String schoolId, @ModelAttribute Quotas form, @AuthenticationPrincipal SchulhausUser user,
			RedirectAttributes redirect) {
		UUID id = Ids.parse(schoolId, "school");
		schools.changeQuotas(id, form, user);
		redirect.addFlashAttribute("toast", "schools.toast.quotasChanged");
		return "redirect:/betrieb/schulen/" + id;
	}

	record SchoolForm(String name, String schoolNumber, SchoolType type, String mailDomain) {
	}
}
