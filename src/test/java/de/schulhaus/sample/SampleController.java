package de.schulhaus.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The sample app's start page. */
@Controller
@ConditionalOnProperty("schulhaus.test.sample-module")
class SampleController {

	@GetMapping("/beispiel")
	@ResponseBody
	String start() {
		return "Beispiel-App";
	}
}
