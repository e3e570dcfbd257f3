package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.text.Collator;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Printable sign-in letters (A4 PDF, one page per person) that a class teacher hands out: who the letter is
 * for, the sign-in address, and the one-time link as text and as QR code.
 */
public final class SignInLetters {

	/** One person's letter; {@code groupName} may be {@code null} for people without a class. */
	public record Letter(String schoolName, String groupName, String displayName, String login, String signInUrl,
			Instant validUntil) {

		// Blank text is printable, a letter without link or expiry is useless: fail before any page is drawn.
		public Letter {
			schoolName = Objects.requireNonNullElse(schoolName, "");
			displayName = Objects.requireNonNullElse(displayName, "");
			login = Objects.requireNonNullElse(login, "");
			Objects.requireNonNull(signInUrl, "signInUrl");
			Objects.requireNonNull(validUntil, "validUntil");
		}

	}

	private static final float MARGIN = 56; // about 2 cm, stays clear of printers' unprintable edges
	private static final float QR_SIZE = 150;
	private static final ZoneId SCHOOL_ZONE = ZoneId.of("Europe/Berlin");
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(SCHOOL_ZONE);

	private record Texts(String title, String className, String noClass, String loginLabel, String explain,
			String help, String footer) {
	}

	private static final Texts GERMAN = new Texts("Ihr Zugang zu Schulhaus", "Klasse", "ohne Klasse",
			"Ihre Anmeldeadresse:",
			"Öffnen Sie den folgenden Link oder scannen Sie den QR-Code. Der Link gilt einmal und bis zum %s. "
					+ "Danach legen Sie Ihr eigenes Passwort fest.",
			"Funktioniert der Link nicht mehr, bitten Sie Ihre Klassenleitung oder das Sekretariat um einen neuen Brief.",
			"Bitte geben Sie diesen Brief nur an die genannte Person weiter.");

	private static final Texts ENGLISH = new Texts("Your Schulhaus account", "Class", "no class",
			"Your sign-in address:",
			"Open the link below or scan the QR code. The link works once and until %s. "
					+ "After that you choose your own password.",
			"If the link no longer works, ask your class teacher or the school office for a new letter.",
			"Please pass this letter on only to the person named in it.");

	private final PDDocument document;
	private final Texts texts;
	private final PDFont regular;
	private final PDFont bold;
	private final PDFont mono;
	private PDPageContentStream content;
	private float y; // baseline of the next line

	// Fonts are loaded once per document: every page shares them and the subset holds all glyphs used.
	private SignInLetters(PDDocument document, Texts texts) throws IOException {
		this.document = document;
		this.texts = texts;
		this.regular = load(document, "LiberationSans-Regular.ttf");
		this.bold = load(document, "LiberationSans-Bold.ttf");
		this.mono = load(document, "LiberationMono-Regular.ttf");
	}

	/**
	 * Renders the letters as one PDF to {@code out}; the stream is flushed but not closed.
	 * @throws IllegalArgumentException if there are no letters (a PDF without pages opens as an error)
	 */
	public static void write(List<Letter> letters, Locale locale, OutputStream out) throws IOException {
		if (letters.isEmpty()) {
			throw new IllegalArgumentException("No letters to print");
		}
		Locale lang = (locale != null) ? locale : Locale.GERMAN;
		List<Letter> sorted = new ArrayList<>(letters);
		sorted.sort(order(lang));
		// Page content goes to a temp file instead of the heap, so a whole school's letters fit in memory.
		try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
			SignInLetters writer = new SignInLetters(document, "en".equals(lang.getLanguage()) ? ENGLISH : GERMAN);
			for (Letter letter : sorted) {
				writer.page(letter);
			}
			document.save(out);
		}
		out.flush();
	}

	// Class first, so a teacher can hand out a class in one go; numbers compared as numbers so 5a comes before 10a.
	private static Comparator<Letter> order(Locale locale) {
		Collator collator = Collator.getInstance(locale);
		Comparator<String> text = collator::compare;
		Comparator<String> group = Comparator.comparing(SignInLetters::leadingNumber).thenComparing(text);
		return Comparator.comparing(Letter::groupName, Comparator.nullsLast(group))
			.thenComparing(Letter::displayName, text);
	}

	private static long leadingNumber(String group) {
		int end = 0;
		while (end < group.length() && end < 9 && Character.isDigit(group.charAt(end))) {
			end++;
		}
		return (end == 0) ? Long.MAX_VALUE : Long.parseLong(group.substring(0, end));
	}

	// Subset embedding keeps the file small and still prints names like "Ayşe Yılmaz" without a font on the printer.
	// GSUB (ligatures) is off: PDFBox compiles regexes for it on every line, which made rendering about twice as
	// slow; Latin names don't need it, and printable() composes accents with NFC instead.
	private static PDType0Font load(PDDocument document, String file) throws IOException {
		try (InputStream in = SignInLetters.class.getResourceAsStream("/liberation/" + file)) {
			if (in == null) {
				throw new IllegalStateException("Font missing on classpath: liberation/" + file);
			}
			TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in));
			document.registerTrueTypeFontForClosing(ttf); // the subset is cut from it on save, so close it after
			ttf.setEnableGsub(false);
			return PDType0Font.load(document, ttf, true);
		}
	}

	private void page(Letter letter) throws IOException {
		PDPage page = new PDPage(PDRectangle.A4);
		this.document.addPage(page);
		float width = page.getMediaBox().getWidth() - 2 * MARGIN;
		try (PDPageContentStream stream = new PDPageContentStream(this.document, page)) {
			this.content = stream;
			this.y = page.getMediaBox().getHeight() - MARGIN;
			line(this.regular, 10, letter.schoolName(), 0);
			stream.moveTo(MARGIN, this.y - 6);
			stream.lineTo(MARGIN + width, this.y - 6);
			stream.stroke();
			line(this.bold, 20, this.texts.title(), 44);
			line(this.bold, 15, letter.displayName(), 34);
			String group = (letter.groupName() != null) ? letter.groupName() : this.texts.noClass();
			line(this.regular, 12, this.texts.className() + ": " + group, 18);
			line(this.regular, 11, this.texts.loginLabel(), 30);
			line(this.mono, 13, letter.login(), 18);
			String explain = this.texts.explain().formatted(DATE.format(letter.validUntil()));
			paragraph(this.regular, 11, explain, width, 32, 15);
			paragraph(this.mono, 9.5f, letter.signInUrl(), width, 24, 12);
			// The gaps around the code leave the quiet zone scanners need (4 modules at most QR versions).
			qrCode(letter.signInUrl(), this.y - 24);
			paragraph(this.regular, 11, this.texts.help(), width, QR_SIZE + 50, 15);
			this.y = MARGIN;
			line(this.regular, 9, this.texts.footer(), 0);
		}
	}

	private void paragraph(PDFont font, float size, String text, float width, float gap, float leading)
			throws IOException {
		List<String> lines = wrap(font, size, printable(font, text), width);
		for (int i = 0; i < lines.size(); i++) {
			line(font, size, lines.get(i), (i == 0) ? gap : leading);
		}
	}

	private void line(PDFont font, float size, String text, float gap) throws IOException {
		this.y -= gap;
		this.content.beginText();
		this.content.setFont(font, size);
		this.content.newLineAtOffset(MARGIN, this.y);
		this.content.showText(printable(font, text));
		this.content.endText();
	}

	// Breaks at spaces; a word wider than the line (a URL) is cut between characters so nothing runs off the page.
	// Widths are added up word by word: measuring text is the slowest part of a page.
	private static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		float space = width(font, size, " ");
		float used = 0;
		for (String word : text.split(" ")) {
			float wordWidth = width(font, size, word);
			if (!current.isEmpty() && used + space + wordWidth > width) {
				lines.add(current.toString());
				current.setLength(0);
				used = 0;
			}
			if (!current.isEmpty()) {
				current.append(' ');
				used += space;
			}
			if (wordWidth <= width) {
				current.append(word);
				used += wordWidth;
				continue;
			}
			for (int i = 0; i < word.length(); i = word.offsetByCodePoints(i, 1)) {
				String next = word.substring(i, word.offsetByCodePoints(i, 1));
				float advance = width(font, size, next);
				if (!current.isEmpty() && used + advance > width) {
					lines.add(current.toString());
					current.setLength(0);
					used = 0;
				}
				current.append(next);
				used += advance;
			}
		}
		lines.add(current.toString());
		return lines;
	}

	// Vector modules (no image) stay sharp at any printer resolution; runs merge into one rectangle per row.
	private void qrCode(String url, float top) throws IOException {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("URL does not fit into a QR code: " + url, ex);
		}
		float module = QR_SIZE / matrix.getWidth();
		for (int row = 0; row < matrix.getHeight(); row++) {
			int col = 0;
			while (col < matrix.getWidth()) {
				int start = col;
				while (col < matrix.getWidth() && matrix.get(col, row)) {
					col++;
				}
				if (col > start) {
					this.content.addRect(MARGIN + start * module, top - (row + 1) * module, (col - start) * module, module);
				}
				col++;
			}
		}
		this.content.fill();
	}

	private static float width(PDFont font, float size, String text) throws IOException {
		return font.getStringWidth(text) / 1000 * size;
	}

	// A glyph the font lacks would make PDFBox throw and lose the whole batch; one "?" on one letter is better.
	private static String printable(PDFont font, String text) {
		StringBuilder result = new StringBuilder(text.length());
		Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach((cp) -> {
			String ch = Character.isWhitespace(cp) || Character.isISOControl(cp) ? " " : Character.toString(cp);
			try {
				font.encode(ch);
				result.append(ch);
			}
			catch (IllegalArgumentException | IOException ex) {
				result.append('?');
			}
		});
		return result.toString();
	}

}
