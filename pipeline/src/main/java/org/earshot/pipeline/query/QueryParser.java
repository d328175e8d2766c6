package org.earshot.pipeline.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.pipeline.query.QueryNode.And;
import org.earshot.pipeline.query.QueryNode.Field;
import org.earshot.pipeline.query.QueryNode.Fuzzy;
import org.earshot.pipeline.query.QueryNode.Near;
import org.earshot.pipeline.query.QueryNode.Not;
import org.earshot.pipeline.query.QueryNode.Or;
import org.earshot.pipeline.query.QueryNode.Phrase;
import org.earshot.pipeline.query.QueryNode.Raw;
import org.earshot.pipeline.query.QueryNode.Term;
import org.earshot.pipeline.query.QueryNode.Wildcard;
import org.earshot.pipeline.text.Spelling;

/**
 * Parses the query language by recursive descent, one method per precedence level, loosest
 * first: OR, AND (explicit or implicit), NOT, NEAR, then a field prefix, a group or a word.
 * Errors name the position (from 1) and the problem in a sentence; limits refuse rules that would
 * slow every mention down.
 */
public final class QueryParser {
    public static final int MAX_LENGTH = 4_096;
    public static final int MAX_CLAUSES = 1_024;
    /** Groups and NOTs nest at most this deep (the parser recurses; a hostile rule must not overflow it). */
    public static final int MAX_DEPTH = 64;
    /** Characters a wildcard word needs before its first {@code *} or {@code ?}. */
    public static final int WILDCARD_PREFIX = 2;
    public static final Set<String> FIELDS = Set.of("author", "site", "url", "links", "title", "lang", "network", "country", "raw");

    private static final Pattern NEAR = Pattern.compile("(O?NEAR)/(\\d{1,3})([fF]?)");
    /** What a misspelt NEAR looks like: about NEAR, a separator or none, and a distance. */
    private static final Pattern NEAR_LIKE = Pattern.compile("(?i)(o?)(n[a-z]{2,4})([/:\\-_]?)(\\d{1,3})(f?)");
    private static final Pattern FUZZY = Pattern.compile("(.+)~(\\d+)");
    /** {@code word:rest} with a word a field could be, as opposed to a URL, a time or an emoticon. */
    private static final Pattern FIELD_LIKE = Pattern.compile("([A-Za-z]{2,15}):.+");
    private static final Set<String> SCHEMES = Set.of("http", "https", "ftp", "mailto", "ws", "wss", "tel");
    private static final Set<String> LOWERCASE_OPERATORS = Set.of("and", "or", "not");

    private final List<Token> tokens;
    private final List<QueryWarning> warnings = new ArrayList<>();
    private int next;
    private int depth;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** A query read: its tree, and what it probably did not mean but is allowed to. */
    public record Checked(QueryNode node, List<QueryWarning> warnings) {}

    /** The query as a tree, or a {@link QueryException} saying where and what is wrong. */
    public static QueryNode parse(String query) {
        return check(query).node();
    }

    /** {@link #parse}, with the warnings an editor shows beside a query it accepts. */
    public static Checked check(String query) {
        if (query.length() > MAX_LENGTH) {
            throw new QueryException(MAX_LENGTH + 1, "the query is longer than " + String.format("%,d", MAX_LENGTH) + " characters");
        }
        QueryParser parser = new QueryParser(new Lexer(query).tokens());
        if (parser.peek().kind == Kind.END) throw new QueryException(1, "the query is empty");
        parser.warnAboutLowercaseOperators();
        QueryNode node = parser.or();
        Token rest = parser.peek();
        if (rest.kind != Kind.END) throw new QueryException(rest.position, "unexpected " + rest.describe());
        Validation.check(node, MAX_CLAUSES);
        return new Checked(node, List.copyOf(parser.warnings));
    }

    /** {@code acme not job}: a lowercase operator between two words is a word, which is rarely what was meant. */
    private void warnAboutLowercaseOperators() {
        for (int i = 1; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind != Kind.WORD || !LOWERCASE_OPERATORS.contains(t.text) || !endsOperand(tokens.get(i - 1))) continue;
            if (!startsOperand(tokens.get(i + 1))) continue;
            String operator = t.text.toUpperCase(Locale.ROOT);
            warnings.add(new QueryWarning(t.position, "'" + t.text + "' is read as a word to look for; operators are written in capitals: "
                    + operator + (t.text.equals("not") ? " (or -word)" : "")));
        }
    }

    private static boolean endsOperand(Token t) {
        return t.kind == Kind.WORD || t.kind == Kind.PHRASE || t.kind == Kind.CLOSE;
    }

    private QueryNode or() {
        List<QueryNode> clauses = new ArrayList<>(List.of(and()));
        while (peek().kind == Kind.OR) {
            Token or = take();
            requireOperand(or, "OR needs a word or group on its right");
            clauses.add(and());
        }
        return clauses.size() == 1 ? clauses.get(0) : new Or(List.copyOf(clauses));
    }

    private QueryNode and() {
        List<QueryNode> clauses = new ArrayList<>(List.of(not()));
        while (true) {
            Token t = peek();
            if (t.kind == Kind.AND) {
                take();
                requireOperand(t, "AND needs a word or group on its right");
            } else if (!startsOperand(t) && t.kind != Kind.NOT) {
                break;
            }
            clauses.add(not()); // side by side: implicit AND
        }
        return clauses.size() == 1 ? clauses.get(0) : new And(List.copyOf(clauses));
    }

    private QueryNode not() {
        Token t = peek();
        if (t.kind != Kind.NOT) return near();
        take();
        requireOperand(t, (t.text.equals("-") ? "-" : "NOT") + " needs a word or group after it");
        enter(t);
        QueryNode excluded = not();
        depth--;
        if (excluded instanceof Term word && word.text().length() >= 3 && Character.isLetter(word.text().charAt(0))) {
            String op = t.text.equals("-") ? "-" : "NOT ";
            warnings.add(new QueryWarning(t.position, op + word.text() + " excludes the word '" + word.text() + "' only; "
                    + op + word.text() + "* would also exclude " + word.text() + "s and every other word that starts with it"));
        }
        return new Not(excluded);
    }

    private QueryNode near() {
        QueryNode left = primary();
        while (peek().kind == Kind.NEAR) {
            Token near = take();
            requireOperand(near, near.text.replaceAll("/.*", "") + " needs a word or group on its right");
            left = new Near(left, primary(), near.distance, near.ordered);
        }
        return left;
    }

    private QueryNode primary() {
        Token t = take();
        switch (t.kind) {
            case OPEN -> {
                if (peek().kind == Kind.CLOSE) throw new QueryException(t.position, "the parentheses are empty");
                enter(t);
                QueryNode inside = or();
                depth--;
                if (peek().kind != Kind.CLOSE) throw new QueryException(t.position, "the parenthesis opened here is never closed");
                take();
                return inside;
            }
            case FIELD -> {
                Token target = peek();
                if (t.text.equals("raw")) {
                    if (target.kind != Kind.PHRASE && target.kind != Kind.WORD) {
                        throw new QueryException(t.position, "raw: needs a quoted text, e.g. raw:\"Acme+\"");
                    }
                    return new Raw(take().text);
                }
                if (target.kind != Kind.OPEN && target.kind != Kind.PHRASE && target.kind != Kind.WORD) {
                    throw new QueryException(t.position, t.text + ": needs a word, a quoted phrase or a group in parentheses");
                }
                return new Field(t.text, primary());
            }
            case PHRASE -> {
                if (t.text.isBlank()) throw new QueryException(t.position, "the quoted phrase is empty");
                return new Phrase(t.text, t.slop);
            }
            case WORD -> {
                return word(t);
            }
            case NEAR -> throw new QueryException(t.position, t.text.replaceAll("/.*", "") + " needs a word or group on its left");
            case AND, OR -> throw new QueryException(t.position, t.text + " needs a word or group on its left");
            case CLOSE -> throw new QueryException(t.position, "unexpected ')' without a matching '('");
            case END -> throw new QueryException(t.position, "the query ends where a word or group is expected");
            default -> throw new QueryException(t.position, "unexpected " + t.describe());
        }
    }

    /** A bare word: a term, or with a {@code ~n} a fuzzy word, or with {@code *}/{@code ?} a wildcard. */
    private static QueryNode word(Token t) {
        String text = t.text;
        if (text.equals("-")) throw new QueryException(t.position, "- needs a word or group right after it, e.g. -job");
        Matcher fuzzy = FUZZY.matcher(text);
        if (fuzzy.matches()) {
            int edits = Integer.parseInt(fuzzy.group(2));
            if (edits < 1 || edits > 2) throw new QueryException(t.position, "fuzzy matching allows 1 or 2 edits, not " + edits);
            if (hasWildcard(fuzzy.group(1))) throw new QueryException(t.position, "a word cannot be both fuzzy and a wildcard");
            return new Fuzzy(fuzzy.group(1), edits);
        }
        if (!hasWildcard(text)) return new Term(text);
        String word = text.startsWith("#") || text.startsWith("@") ? text.substring(1) : text;
        int first = firstWildcard(word);
        if (first < WILDCARD_PREFIX) {
            throw new QueryException(t.position, "a wildcard needs at least " + WILDCARD_PREFIX + " characters before it: " + text);
        }
        return new Wildcard(text);
    }

    private static boolean hasWildcard(String s) {
        return firstWildcard(s) >= 0;
    }

    private static int firstWildcard(String s) {
        int star = s.indexOf('*');
        int question = s.indexOf('?');
        if (star < 0) return question;
        return question < 0 ? star : Math.min(star, question);
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) throw new QueryException(t.position, "groups and NOTs nest more than " + MAX_DEPTH + " deep");
    }

    private void requireOperand(Token operator, String problem) {
        Token t = peek();
        if (!startsOperand(t) && t.kind != Kind.NOT) throw new QueryException(operator.position, problem);
    }

    private static boolean startsOperand(Token t) {
        return t.kind == Kind.WORD || t.kind == Kind.PHRASE || t.kind == Kind.OPEN || t.kind == Kind.FIELD;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind != Kind.END) next++;
        return t;
    }

    enum Kind { WORD, PHRASE, FIELD, OPEN, CLOSE, AND, OR, NOT, NEAR, END }

    /** One token; {@code position} counts characters from 1. */
    record Token(Kind kind, String text, int position, int slop, int distance, boolean ordered) {
        static Token of(Kind kind, String text, int position) {
            return new Token(kind, text, position, 0, 0, false);
        }

        String describe() {
            return kind == Kind.END ? "end of the query" : "'" + text + "'";
        }
    }

    /**
     * What analysts coming from other tools, or typing fast, write for an operator or a field, and
     * would otherwise be searched for as words in silence: {@code &&}, {@code ||}, {@code NAER/3},
     * {@code NEAR3}, {@code near/3}, {@code auth:bob}.
     */
    static void refuseLookalikes(String text, int position) {
        switch (text) {
            case "&&", "&" -> throw new QueryException(position, "'" + text + "' is not an operator here; write AND");
            case "||", "|" -> throw new QueryException(position, "'" + text + "' is not an operator here; write OR");
            case "!" -> throw new QueryException(position, "'!' is not an operator here; write NOT, or - before a word");
            default -> { }
        }
        Matcher near = NEAR_LIKE.matcher(text);
        String letters = near.matches() ? near.group(2).toUpperCase(Locale.ROOT) : "";
        // A misspelling with a slash (NAER/3), or NEAR itself written otherwise (NEAR3, near/3).
        boolean meantNear = near.matches() && (letters.equals("NEAR") || (near.group(3).equals("/") && closeTo(letters, "NEAR")));
        if (meantNear && !NEAR.matcher(text).matches()) {
            String meant = (near.group(1).isEmpty() ? "" : "O") + "NEAR/" + near.group(4) + near.group(5).toLowerCase(Locale.ROOT);
            throw new QueryException(position, "'" + text + "' looks like the operator " + meant + ", which is written just so"
                    + " (in capitals, with a /); to look for the text, put it in quotes");
        }
        Matcher field = FIELD_LIKE.matcher(text);
        if (field.matches()) {
            String prefix = field.group(1).toLowerCase(Locale.ROOT);
            if (!FIELDS.contains(prefix) && !SCHEMES.contains(prefix)) {
                throw new QueryException(position, "unknown field '" + field.group(1) + ":'"
                        + Spelling.closest(prefix, FIELDS).map(f -> "; did you mean " + f + ":?").orElse("")
                        + " (fields: " + String.join(", ", FIELDS.stream().sorted().toList()) + "); to look for the text, put it in quotes");
            }
        }
    }

    /** Within one edit or one swap of two neighbours (NAER, NEER, NER, NEARR). */
    private static boolean closeTo(String word, String target) {
        return Spelling.distance(word, target) <= 1;
    }

    /** Splits a query into tokens: parentheses, quoted phrases, operators, field prefixes and words. */
    private static final class Lexer {
        private final String query;
        private int at;

        Lexer(String query) {
            this.query = query;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                while (at < query.length() && Character.isWhitespace(query.charAt(at))) at++;
                if (at >= query.length()) {
                    out.add(Token.of(Kind.END, "", query.length() + 1));
                    return out;
                }
                char c = query.charAt(at);
                int position = at + 1;
                if (c == '(') {
                    out.add(Token.of(Kind.OPEN, "(", position));
                    at++;
                } else if (c == ')') {
                    out.add(Token.of(Kind.CLOSE, ")", position));
                    at++;
                } else if (c == '"') {
                    out.add(phrase(position));
                } else if (c == '-' && at + 1 < query.length() && !Character.isWhitespace(query.charAt(at + 1))) {
                    out.add(Token.of(Kind.NOT, "-", position));
                    at++;
                } else {
                    out.add(word(position));
                }
            }
        }

        private Token phrase(int position) {
            StringBuilder text = new StringBuilder();
            at++;
            while (at < query.length() && query.charAt(at) != '"') {
                if (query.charAt(at) == '\\' && at + 1 < query.length()) at++;
                text.append(query.charAt(at++));
            }
            if (at >= query.length()) throw new QueryException(position, "the quote opened here is never closed");
            at++;
            int slop = 0;
            if (at < query.length() && query.charAt(at) == '~') {
                int start = ++at;
                while (at < query.length() && Character.isDigit(query.charAt(at))) at++;
                if (start == at) throw new QueryException(start, "~ after a phrase needs a number of words, e.g. \"acme phone\"~3");
                slop = Integer.parseInt(query.substring(start, Math.min(at, start + 4)));
            }
            return new Token(Kind.PHRASE, text.toString(), position, slop, 0, false);
        }

        private Token word(int position) {
            int start = at;
            while (at < query.length()) {
                char c = query.charAt(at);
                if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '"') break;
                int colon = c == ':' ? at : -1;
                at++;
                if (colon >= 0 && FIELDS.contains(query.substring(start, colon).toLowerCase(Locale.ROOT))) {
                    return Token.of(Kind.FIELD, query.substring(start, colon).toLowerCase(Locale.ROOT), position);
                }
            }
            String text = query.substring(start, at);
            refuseLookalikes(text, position);
            switch (text) {
                case "AND" -> {
                    return Token.of(Kind.AND, text, position);
                }
                case "OR" -> {
                    return Token.of(Kind.OR, text, position);
                }
                case "NOT" -> {
                    return Token.of(Kind.NOT, text, position);
                }
                default -> {
                    Matcher near = NEAR.matcher(text);
                    if (near.matches()) {
                        boolean ordered = near.group(1).equals("ONEAR") || !near.group(3).isEmpty();
                        return new Token(Kind.NEAR, text, position, 0, Integer.parseInt(near.group(2)), ordered);
                    }
                    if (text.equals("NEAR") || text.equals("ONEAR") || text.startsWith("NEAR/") || text.startsWith("ONEAR/")) {
                        throw new QueryException(position, text.replaceAll("/.*", "") + " needs a distance in words, e.g. NEAR/3 or NEAR/3f");
                    }
                    return Token.of(Kind.WORD, text, position);
                }
            }
        }
    }
}
