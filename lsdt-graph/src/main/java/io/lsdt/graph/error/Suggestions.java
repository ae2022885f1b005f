package io.lsdt.graph.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Maybe you meant …" suggestions by edit distance, for unknown names, keys and ids. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * Returns the candidates closest to {@code given}, best first.
     *
     * @param given the unknown text
     * @param candidates the known names
     * @param limit the largest number of suggestions
     * @return up to {@code limit} names whose distance is at most about a third of their length, or that contain
     *     {@code given} (case-insensitive); empty when nothing is close
     */
    public static List<String> closest(String given, Collection<String> candidates, int limit) {
        String g = given.toLowerCase(Locale.ROOT);
        record Scored(String name, int score) {}
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            int d = distance(g, lc);
            boolean contains = !g.isEmpty() && (lc.contains(g) || g.contains(lc));
            int threshold = Math.max(2, Math.max(g.length(), lc.length()) / 3);
            if (d <= threshold || contains) {
                scored.add(new Scored(c, contains ? Math.min(d, threshold) : d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        return scored.stream().limit(limit).map(Scored::name).toList();
    }

    /**
     * Formats the closest candidates as a hint text ("you meant 'a' or 'b'?"), or an empty string.
     *
     * @param given the unknown text
     * @param candidates the known names
     * @return the hint, without the leading "Maybe"
     */
    public static String hint(String given, Collection<String> candidates) {
        List<String> best = closest(given, candidates, 3);
        if (best.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("you meant ");
        for (int i = 0; i < best.size(); i++) {
            if (i > 0) {
                sb.append(i == best.size() - 1 ? " or " : ", ");
            }
            sb.append('\'').append(best.get(i)).append('\'');
        }
        return sb.append('?').toString();
    }

    /**
     * Optimal string alignment distance (Levenshtein with adjacent transpositions).
     *
     * @param a a string
     * @param b another string
     * @return the fewest insertions, deletions, substitutions and swaps of adjacent characters from a to b
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
