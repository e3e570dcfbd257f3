package de.schulhaus.platform.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Spring MVC finds a path without a variable in one map look-up, but a path with one ({@code /chat/raum/<id>},
 * which is most of ours) is matched against every mapping of the application in turn, each comparing method,
 * headers and pattern through the filters' request wrappers. Under the chat bench that was a tenth of the
 * server's CPU. This mapping first compares the path with each mapping's literal beginning (the text before
 * its first variable or wildcard) and asks Spring only about the mappings that can match at all; what Spring
 * answers for those is unchanged.
 */
@Configuration(proxyBeanMethods = false)
class LiteralPrefixMappings implements WebMvcRegistrations {

	@Override
	public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
		return new PrefixFilteredMapping();
	}

	static final class PrefixFilteredMapping extends RequestMappingHandlerMapping {

		private static final String PATH = PrefixFilteredMapping.class.getName() + ".path";
		private static final String[] ANY = new String[0];

		private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			String[] literal = prefixes.computeIfAbsent(info, PrefixFilteredMapping::literalPrefixes);
			if (literal != ANY) {
				String path = matchedPath(request);
				if (path != null && !startsWithAny(path, literal)) {
					return null;
				}
			}
			return super.getMatchingMapping(info, request);
		}

		private static boolean startsWithAny(String path, String[] literal) {
			for (String prefix : literal) {
				if (path.startsWith(prefix)) {
					return true;
				}
			}
			return false;
		}

		/**
		 * The path as the patterns see it: decoded segments without their {@code ;} parameters, put together once per
		 * request (null before the parsed path exists: then nothing is filtered).
		 */
		private static String matchedPath(HttpServletRequest request) {
			Object known = request.getAttribute(PATH);
			if (known instanceof String path) {
				return path;
			}
			if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
				return null;
			}
			RequestPath parsed = ServletRequestPathUtils.getParsedRequestPath(request);
			StringBuilder path = new StringBuilder();
			for (PathContainer.Element element : parsed.pathWithinApplication().elements()) {
				path.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
			}
			String value = path.toString();
			request.setAttribute(PATH, value);
			return value;
		}

		/** Each pattern's text before its first variable or wildcard; {@link #ANY} when one of them has none to compare. */
		static String[] literalPrefixes(RequestMappingInfo info) {
			if (info.getPathPatternsCondition() == null) {
				return ANY;
			}
			var patterns = info.getPathPatternsCondition().getPatterns();
			String[] literal = new String[patterns.size()];
			int i = 0;
			for (PathPattern pattern : patterns) {
				String text = pattern.getPatternString();
				int end = text.length();
				for (int c = 0; c < text.length(); c++) {
					char ch = text.charAt(c);
					if (ch == '{' || ch == '*' || ch == '?') {
						end = c;
						break;
					}
				}
				if (end <= 1) {
					return ANY;
				}
				literal[i++] = text.substring(0, end);
			}
			return literal.length == 0 ? ANY : literal;
		}
	}
}
