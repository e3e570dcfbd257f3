package de.schulhaus.push.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.schulhaus.push.internal.PushDestinations.Verdict;

/** A browser names the push endpoint: in production a name that leads into the data centre gets nothing. */
class PushDestinationsTests {

	private static final Map<String, String> DNS = Map.of(
			"fcm.googleapis.com", "142.250.185.74",
			"updates.push.services.mozilla.com", "2a04:4e42::770",
			"intern.schule.example", "10.20.30.40",
			"rebind.example", "127.0.0.1",
			"metadata.example", "169.254.169.254",
			"cgnat.example", "100.64.1.2",
			"ula.example", "fd12:3456::1",
			"both.example", "203.0.113.9");

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		String address = DNS.get(host);
		if (address == null) {
			throw new UnknownHostException(host);
		}
		InetAddress one = InetAddress.getByName(address);
		// a name with a public and a private address is judged by the private one
		return "both.example".equals(host) ? new InetAddress[] { one, InetAddress.getByName("192.168.1.7") } : new InetAddress[] { one };
	}

	private final PushDestinations production = new PushDestinations(true, PushDestinationsTests::resolve);
	private final PushDestinations embedded = new PushDestinations(false, PushDestinationsTests::resolve);

	@Test
	void inProductionOnlyPublicAddressesOverHttpsGetMessages() {
		assertThat(production.check(URI.create("https://fcm.googleapis.com/fcm/send/abc"))).isEqualTo(Verdict.SEND);
		assertThat(production.check(URI.create("https://updates.push.services.mozilla.com/wpush/v2/x"))).isEqualTo(Verdict.SEND);
		for (String host : new String[] { "intern.schule.example", "rebind.example", "metadata.example", "cgnat.example", "ula.example",
				"both.example" }) {
			assertThat(production.check(URI.create("https://" + host + "/push"))).as(host).isEqualTo(Verdict.REFUSE);
		}
		assertThat(production.check(URI.create("http://fcm.googleapis.com/fcm/send/abc"))).isEqualTo(Verdict.REFUSE);
		assertThat(production.check(URI.create("http://127.0.0.1:8080/push"))).isEqualTo(Verdict.REFUSE);
	}

	@Test
	void aNameThatDoesNotResolveIsTriedAgainNotThrownAway() {
		assertThat(production.check(URI.create("https://gone.example/push"))).isEqualTo(Verdict.UNRESOLVED);
	}

	@Test
	void outsideProductionTestsMayUseAPushServiceOnThisMachine() {
		assertThat(embedded.check(URI.create("http://127.0.0.1:8080/push/x"))).isEqualTo(Verdict.SEND);
		assertThat(embedded.check(URI.create("https://intern.schule.example/push"))).isEqualTo(Verdict.SEND);
		assertThat(embedded.check(URI.create("http://intern.schule.example/push"))).isEqualTo(Verdict.REFUSE);
	}
}
