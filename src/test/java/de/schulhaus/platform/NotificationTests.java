package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a module may put into a notification: a message key, plain arguments, a link on this site. */
class NotificationTests {

	@Test
	void linksStayOnThisSite() {
		assertThat(Notification.isLocalPath("/dateien/ordner?x=1#a")).isTrue();
		for (String link : List.of("//evil.example/x", "https://evil.example", "javascript:alert(1)", "/\\evil.example", "dateien",
				"/a b", "")) {
			assertThat(Notification.isLocalPath(link)).as(link).isFalse();
			assertThatIllegalArgumentException().isThrownBy(() -> Notification.of("chat.message", "chat.new", link));
		}
	}

	@Test
	void kindAndKeyAreNamesNotText() {
		assertThatIllegalArgumentException().isThrownBy(() -> Notification.of("Neue Nachricht", "chat.new", "/"));
		assertThatIllegalArgumentException().isThrownBy(() -> Notification.of("chat.message", "Neue Nachricht von {0}", "/"));
		assertThatIllegalArgumentException().isThrownBy(() -> Notification.of("chat.message", "chat.new", "/", "1", "2", "3", "4", "5", "6"));
	}

	@Test
	void argumentsArePlainTextOfBoundedLength() {
		Notification n = new Notification("files.shared", "files.notification.shared", List.of("a\u001Fb\nc", "x".repeat(300)), "/",
				Instant.EPOCH);
		assertThat(n.titleArgs().get(0)).isEqualTo("a b c");
		assertThat(n.titleArgs().get(1)).hasSize(Notification.MAX_ARG_LENGTH).endsWith("…");
	}
}
