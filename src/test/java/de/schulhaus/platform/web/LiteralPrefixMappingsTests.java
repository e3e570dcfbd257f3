package de.schulhaus.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

/** The literal beginnings a request's path is compared with before Spring compares the whole mapping. */
class LiteralPrefixMappingsTests {

	@Test
	void aPatternIsComparedUpToItsFirstVariableOrWildcard() {
		assertThat(prefixes("/api/v1/chat/rooms/{chatRoomId}/messages")).containsExactly("/api/v1/chat/rooms/");
		assertThat(prefixes("/dateien/**")).containsExactly("/dateien/");
		assertThat(prefixes("/kalender", "/kalender/{view:woche|monat}")).containsExactlyInAnyOrder("/kalender", "/kalender/");
		assertThat(prefixes("/a?c")).containsExactly("/a");
	}

	@Test
	void aPatternThatBeginsWithAVariableIsNeverSkipped() {
		assertThat(prefixes("/{anything}")).isEmpty();
		assertThat(prefixes("/chat", "/**")).as("one open pattern opens the whole mapping").isEmpty();
		assertThat(prefixes("")).isEmpty();
	}

	private static String[] prefixes(String... paths) {
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(PathPatternParser.defaultInstance);
		return LiteralPrefixMappings.PrefixFilteredMapping.literalPrefixes(RequestMappingInfo.paths(paths).options(options).build());
	}
}
