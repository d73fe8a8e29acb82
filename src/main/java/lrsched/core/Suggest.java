package lrsched.core;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the closest known name to a mistyped one. */
public final class Suggest {
    private Suggest() {}

    /** The candidate nearest to {@code typed}, if it is near enough to be a plausible typo. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            int distance = distance(t, lc);
            int score = distance;
            // a typed suffix of a qualified name ("OneCycleLR" for "torch.OneCycleLR") is a strong match
            if (lc.endsWith("." + t) || lc.equals(t)) {
                score = 0;
            } else if (wordsWithin(t, lc)) {
                score = Math.min(score, 1); // "num_epochs" for "num_train_epochs": every word typed is in the name
            } else if (Math.min(t.length(), lc.length()) >= 3 && (t.startsWith(lc) || lc.startsWith(t))) {
                score = Math.min(score, 1); // "cosine" for "cos", "warm" for "warmup"
            }
            boolean better = score < bestScore || (score == bestScore && (distance < bestDistance
                    || (distance == bestDistance && best != null && c.compareTo(best) < 0)));
            if (better) {
                best = c;
                bestScore = score;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(2, Math.min(typed.length(), best.length()) / 3);
        return bestScore <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean 'x'?" or an empty string. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static boolean wordsWithin(String typed, String candidate) {
        java.util.List<String> words = java.util.List.of(candidate.split("[_.]"));
        String[] typedWords = typed.split("[_.]");
        return typedWords.length > 1 && java.util.Arrays.stream(typedWords).allMatch(words::contains);
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
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
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
