package de.schulhaus.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as one address for the sign-in throttle. */
class SignInThrottleAddressTests {

	@Test
	void anIpv4AddressCountsOnItsOwn() {
		assertThat(SignInThrottle.addressKey("192.0.2.17")).isEqualTo("192.0.2.17");
		assertThat(SignInThrottle.addressKey(" 192.0.2.17 ")).isEqualTo("192.0.2.17");
	}

	@Test
	void ipv6AddressesCountByTheirSlash64() {
		assertThat(SignInThrottle.addressKey("2001:db8:aa:bb:1:2:3:4")).isEqualTo("2001:db8:aa:bb::/64");
		assertThat(SignInThrottle.addressKey("2001:0db8:00aa:00bb:ffff::1")).isEqualTo("2001:db8:aa:bb::/64");
		assertThat(SignInThrottle.addressKey("[2001:db8:aa:bb::9]")).isEqualTo("2001:db8:aa:bb::/64");
		assertThat(SignInThrottle.addressKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
		assertThat(SignInThrottle.addressKey("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
	}

	@Test
	void anIpv4MappedIpv6AddressIsTheIpv4Address() {
		assertThat(SignInThrottle.addressKey("::ffff:192.0.2.17")).isEqualTo("192.0.2.17");
	}

	@Test
	void somethingElseCountsAsItCameAndNeverTriggersANameLookup() {
		assertThat(SignInThrottle.addressKey(null)).isEqualTo("-");
		assertThat(SignInThrottle.addressKey("")).isEqualTo("-");
		assertThat(SignInThrottle.addressKey("localhost")).isEqualTo("localhost");
		assertThat(SignInThrottle.addressKey("not:an:address:at:all")).isEqualTo("not:an:address:at:all");
		assertThat(SignInThrottle.addressKey("x".repeat(100))).hasSize(64);
	}
}
