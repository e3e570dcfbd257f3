package de.schulhaus;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for a platform that a test starts as a process of its own. */
public final class FreePorts {

	private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	private FreePorts() {
	}

	/**
	 * A port that is free now and outside the kernel's range for the local ends of outgoing connections. A port from
	 * that range (what binding port 0 gives) may be handed to one of the connections made in the seconds before the
	 * started process binds it, the test's own polls of the process's health among them; the process then stops with
	 * "Address already in use" (CI saw it once, for the mail crash test's SMTP port).
	 */
	public static int outsideEphemeralRange() throws IOException {
		int[] ephemeral = ephemeralRange();
		int from;
		int to;
		if (ephemeral[0] > 11_000) {
			from = 10_000;
			to = ephemeral[0];
		} else if (ephemeral[1] < 64_000) {
			from = ephemeral[1] + 1;
			to = 65_536;
		} else {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(from, to);
			try (ServerSocket socket = new ServerSocket(port)) {
				return port;
			} catch (IOException taken) {
				// another one
			}
		}
		throw new IOException("No free port between " + from + " and " + (to - 1) + ".");
	}

	/** The kernel's range for outgoing connections' local ports; where it cannot be read, IANA's (macOS, Windows). */
	private static int[] ephemeralRange() {
		try {
			String[] bounds = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
			return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
		} catch (IOException | RuntimeException unreadable) {
			return new int[] {49_152, 65_535};
		}
	}
}
