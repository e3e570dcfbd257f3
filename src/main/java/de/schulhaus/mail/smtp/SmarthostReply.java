package de.schulhaus.mail.smtp;

/** One answer of the smarthost (or what stands for it when the connection failed: a 4xx). */
record SmarthostReply(int code, String text) {

	boolean positive() {
		return code >= 200 && code < 400;
	}

	boolean permanent() {
		return code >= 500;
	}

	/** The enhanced status code the reply carries, else the class's generic one. */
	String status() {
		String first = text.strip().split("\\s+", 2)[0];
		if (first.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
			return first;
		}
		return permanent() ? "5.0.0" : "4.0.0";
	}

	/** As one line, for {@code last_error} and the bounce's Diagnostic-Code. */
	String line() {
		String line = (code + " " + text).replaceAll("[\\r\\n\\t]+", " ").strip();
		return line.length() <= 900 ? line : line.substring(0, 900);
	}

	static SmarthostReply temporary(String why) {
		return new SmarthostReply(451, "4.4.1 " + why);
	}
}
