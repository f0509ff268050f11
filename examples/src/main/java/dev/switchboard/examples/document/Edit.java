package dev.switchboard.examples.document;

/**
 * One edit of a document's text: an {@link Insert} or a {@link Delete} at a position counted in
 * UTF-16 code units, as both Java strings and a browser's textarea count them.
 *
 * <p>Two people who edit at once each make an edit against the text they saw. {@link #transform}
 * rewrites one so it can follow the other, and the rule is chosen so that both orders give the same
 * text: {@code b.apply(a.apply(s)) == a.transform(b..).apply(...)}, spelled out in
 * {@code EditTest}. Text typed inside a range someone else deleted at the same time goes with it.
 */
public sealed interface Edit permits Insert, Delete {

    /** Returns where the edit starts. */
    int pos();

    /**
     * Returns {@code text} with this edit made.
     *
     * @throws IllegalArgumentException if the edit does not fit in {@code text}, saying where it falls
     */
    String apply(String text);

    /**
     * Returns this edit rewritten to come after {@code other}, which was made at the same time
     * against the same text.
     *
     * @param otherFirst whether {@code other} is ahead of this edit in the document's order: two
     *     inserts at one position put the one ahead on the left, so both sides must agree on it
     */
    Edit transform(Edit other, boolean otherFirst);

    /** Returns whether the edit changes nothing, such as an insert swallowed by a concurrent delete. */
    boolean isEmpty();
}
