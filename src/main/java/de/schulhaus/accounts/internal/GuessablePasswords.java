package de.schulhaus.accounts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DateMatch;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.matching.match.RepeatMatch;
import me.gosimple.nbvcxz.matching.match.SequenceMatch;
import me.gosimple.nbvcxz.matching.match.SpacialMatch;
import me.gosimple.nbvcxz.matching.match.YearMatch;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * How guessable a password is, by nbvcxz with its English dictionaries plus common German words and
 * names ({@code accounts/passwords/}); the person's own names and address count as known to an
 * attacker (leet spellings included). The dictionaries are built once per JVM, on first use (about
 * half a second); an estimate then takes a few milliseconds.
 */
public final class GuessablePasswords {

	/** zxcvbn's score 3 ("safely unguessable"): at least 10^8 guesses. */
	static final double MIN_ENTROPY = Math.log(1e8) / Math.log(2);

	/** Estimates grow with the square of the length; the first 64 characters tell enough. */
	private static final int ESTIMATED_LENGTH = 64;

	private static final String PERSONAL_WORDS = "personal";

	private GuessablePasswords() {
	}

	/** Why the password is too easy to guess, or empty when it is not. */
	public static Optional<Weakness> weakness(String password, String firstName, String lastName, String login) {
		List<Dictionary> dictionaries = new ArrayList<>(Dictionaries.ALL);
		dictionaries.add(new Dictionary(PERSONAL_WORDS, ranked(personalWords(firstName, lastName, login), false), true));
		var configuration = new ConfigurationBuilder().setDictionaries(dictionaries).setMinimumEntropy(MIN_ENTROPY)
			.setMaxLength(ESTIMATED_LENGTH).setCombinationAlgorithmTimeout(100L).setLocale(Locale.ENGLISH).createConfiguration();
		Result result = new Nbvcxz(configuration).estimate(password);
		return result.isMinimumEntropyMet() ? Optional.empty() : Optional.of(Weakness.of(result.getMatches()));
	}

	/** What the estimate found: the biggest pattern, but the person's own name before all else. */
	public enum Weakness {
		PERSONAL, COMMON_PASSWORD, COMMON_WORD, DATE, SEQUENCE, REPEAT, KEYBOARD, PREDICTABLE;

		static Weakness of(List<Match> matches) {
			if (matches.stream().anyMatch(m -> m instanceof DictionaryMatch d && PERSONAL_WORDS.equals(d.getDictionaryName()))) {
				return PERSONAL;
			}
			Match longest = matches.stream().max(Comparator.comparingInt(Match::getLength)).orElse(null);
			if (longest instanceof DictionaryMatch d) {
				return "passwords".equals(d.getDictionaryName()) ? COMMON_PASSWORD : COMMON_WORD;
			}
			if (longest instanceof YearMatch || longest instanceof DateMatch) {
				return DATE;
			}
			if (longest instanceof SequenceMatch) {
				return SEQUENCE;
			}
			if (longest instanceof RepeatMatch) {
				return REPEAT;
			}
			return longest instanceof SpacialMatch ? KEYBOARD : PREDICTABLE;
		}
	}

	/** Names, name parts, the address's local part and its parts, and the names run together. */
	static Set<String> personalWords(String firstName, String lastName, String login) {
		Set<String> words = new LinkedHashSet<>();
		String first = lower(firstName);
		String last = lower(lastName);
		String local = lower(login).replaceAll("@.*", "");
		for (String whole : List.of(first, last, local, first + last, last + first)) {
			words.addAll(spellings(whole));
			for (String part : whole.split("[\\s.\\-_'0-9]+")) {
				if (part.length() >= 3) {
					words.addAll(spellings(part));
				}
			}
		}
		words.remove("");
		return words;
	}

	/** The word as written, with umlauts as ae/oe/ue/ss, and without any accents. */
	static Set<String> spellings(String word) {
		Set<String> spellings = new LinkedHashSet<>();
		spellings.add(word);
		spellings.add(word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"));
		spellings.add(Normalizer.normalize(word.replace("ß", "ss"), Normalizer.Form.NFD).replaceAll("\\p{M}+", ""));
		return spellings;
	}

	private static String lower(String s) {
		return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
	}

	/** Rank by position, or one rank for all when the list has no order of frequency. */
	private static Map<String, Integer> ranked(Iterable<String> words, boolean sameRank) {
		List<String> list = new ArrayList<>();
		words.forEach(list::add);
		Map<String, Integer> ranks = new HashMap<>(list.size() * 2);
		for (int i = 0; i < list.size(); i++) {
			for (String spelling : spellings(list.get(i))) {
				ranks.putIfAbsent(spelling, sameRank ? list.size() : i + 1);
			}
		}
		return ranks;
	}

	private static final class Dictionaries {

		static final List<Dictionary> ALL = load();

		private static List<Dictionary> load() {
			List<Dictionary> all = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
			all.add(new Dictionary("de-words", ranked(lines("de-words.txt"), false), false));
			all.add(new Dictionary("de-first-names", ranked(lines("de-first-names.txt"), true), false));
			all.add(new Dictionary("de-surnames", ranked(lines("de-surnames.txt"), false), false));
			return List.copyOf(all);
		}

		private static List<String> lines(String file) {
			try (InputStream in = GuessablePasswords.class.getResourceAsStream("/accounts/passwords/" + file)) {
				if (in == null) {
					throw new IllegalStateException("missing password dictionary accounts/passwords/" + file);
				}
				return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
					.filter(s -> !s.isEmpty()).toList();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}
