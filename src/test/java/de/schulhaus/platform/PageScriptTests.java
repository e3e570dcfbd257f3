package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PageScriptTests {

	@Test
	void aPageScriptIsAStaticModuleUnderJs() {
		assertThat(new PageScript("/js/push-device.js").path()).isEqualTo("/js/push-device.js");
		for (String path : new String[] { null, "js/a.js", "/api/v1/x", "/js/a.css", "/js/../sw.js", "https://cdn.example.net/js/a.js" }) {
			assertThatIllegalArgumentException().as(String.valueOf(path)).isThrownBy(() -> new PageScript(path));
		}
	}
}
