package de.schulhaus.accounts.imports;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import de.schulhaus.accounts.imports.SignInLetters.Letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SignInLettersTests {

	private static final String SCHOOL = "Gesamtschule Am Park";

	// 23:30 UTC is already the next day in Berlin, so the date shows which zone was used.
	private static final Instant VALID_UNTIL = Instant.parse("2026-12-12T23:30:00Z");

	// Longer than one printed line, so the letter has to wrap it.
	private static final String LONG_URL = "https://schulhaus.gs-am-park.de/sign-in/link/"
			+ "Qm9vdHN0cmFwLXRva2VuLWZvci1hLXZlcnktbG9uZy1saW5rLXRoYXQtd3JhcHM";

	private final List<Letter> letters = List.of(
			letter("Q1", "Anna Zimmermann", "anna.zimmermann", "https://schulhaus.example/s/anna"),
			letter("5a", "Jürgen Groß-Müller", "juergen.gross-mueller", LONG_URL),
			letter("5a", "Ayşe Yılmaz", "ayse.yilmaz", "https://schulhaus.example/s/ayse"));

	@Test
	void rendersOnePagePerPersonOrderedByClassThenName() throws IOException {
		List<String> pages = pages(render(this.letters, Locale.GERMANY));

		assertThat(pages).hasSize(3);
		assertThat(pages.get(0)).contains("Ayşe Yılmaz", "Klasse: 5a");
		assertThat(pages.get(1)).contains("Jürgen Groß-Müller", "Klasse: 5a");
		assertThat(pages.get(2)).contains("Anna Zimmermann", "Klasse: Q1");
	}

	@Test
	void pageShowsNameLoginLinkAndGermanValidity() throws IOException {
		List<String> pages = pages(render(this.letters, Locale.GERMANY));

		String juergen = pages.get(1);
		assertThat(juergen).contains(SCHOOL, "Ihr Zugang zu Schulhaus", "Jürgen Groß-Müller", "juergen.gross-mueller",
				"Bitte geben Sie diesen Brief nur an die genannte Person weiter.");
		assertThat(withoutWhitespace(juergen)).contains(withoutWhitespace("Der Link gilt einmal und bis zum 13.12.2026."));
		// The URL is wrapped across lines but reads back complete.
		assertThat(juergen).doesNotContain(LONG_URL);
		assertThat(withoutWhitespace(juergen)).contains(LONG_URL);
		assertThat(withoutWhitespace(pages.get(0))).contains("https://schulhaus.example/s/ayse", "ayse.yilmaz");
	}

	@Test
	void qrCodeScansToTheLink() throws Exception {
		try (PDDocument document = Loader.loadPDF(render(this.letters, Locale.GERMANY))) {
			BufferedImage image = new PDFRenderer(document).renderImage(1, 2f);
			int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
			RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);

			String scanned = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();

			assertThat(scanned).isEqualTo(LONG_URL);
		}
	}

	@Test
	void rendersEnglishLetters() throws IOException {
		List<String> pages = pages(render(this.letters, Locale.ENGLISH));

		assertThat(pages.get(0)).contains("Your Schulhaus account", "Ayşe Yılmaz", "Class: 5a");
		assertThat(withoutWhitespace(pages.get(0))).contains(withoutWhitespace("until 13.12.2026"));
	}

	@Test
	void putsPeopleWithoutClassLastAndReplacesGlyphsTheFontLacks() throws IOException {
		List<Letter> mixed = new ArrayList<>(this.letters);
		mixed.add(letter(null, "Zoë Łukasik 😀", "zoe.lukasik", "https://schulhaus.example/s/zoe"));
		mixed.add(letter("10b", "Ben Albers", "ben.albers", "https://schulhaus.example/s/ben"));

		List<String> pages = pages(render(mixed, Locale.GERMANY));

		assertThat(pages).hasSize(5);
		assertThat(pages.get(2)).contains("Ben Albers", "Klasse: 10b");
		assertThat(pages.get(4)).contains("Zoë Łukasik ?", "Klasse: ohne Klasse");
	}

	@Test
	void leavesTheCallersStreamOpen() throws IOException {
		boolean[] closed = { false };
		ByteArrayOutputStream out = new ByteArrayOutputStream() {
			@Override
			public void close() {
				closed[0] = true;
			}
		};

		SignInLetters.write(this.letters, Locale.GERMANY, out);

		assertThat(closed[0]).isFalse();
		assertThat(out.size()).isPositive();
	}

	@Test
	void rejectsAnEmptyBatch() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SignInLetters.write(List.of(), Locale.GERMANY, new ByteArrayOutputStream()));
	}

	private static Letter letter(String group, String name, String login, String url) {
		return new Letter(SCHOOL, group, name, login, url, VALID_UNTIL);
	}

	private static byte[] render(List<Letter> letters, Locale locale) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SignInLetters.write(letters, locale, out);
		return out.toByteArray();
	}

	private static List<String> pages(byte[] pdf) throws IOException {
		List<String> pages = new ArrayList<>();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDFTextStripper stripper = new PDFTextStripper();
			for (int page = 1; page <= document.getNumberOfPages(); page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				pages.add(stripper.getText(document));
			}
		}
		return pages;
	}

	private static String withoutWhitespace(String text) {
		return text.replaceAll("\\s+", "");
	}

}
