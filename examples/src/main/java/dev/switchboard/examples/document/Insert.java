package dev.switchboard.examples.document;

/**
 * Inserts {@code text} before the character at {@code pos}.
 *
 * @param pos where, from 0 to the text's length
 * @param text what; empty makes the edit change nothing
 */
public record Insert(int pos, String text) implements Edit {

    @Override
    public String apply(String doc) {
        if (pos < 0 || pos > doc.length()) {
            throw new IllegalArgumentException("insert at " + pos + " is outside a text of " + doc.length()
                    + " characters: send a position from 0 to the length");
        }
        return doc.substring(0, pos) + text + doc.substring(pos);
    }

    @Override
    public Edit transform(Edit other, boolean otherFirst) {
        if (other instanceof Insert i) {
            boolean before = i.pos() < pos || (i.pos() == pos && otherFirst);
            return before ? new Insert(pos + i.text().length(), text) : this;
        }
        Delete d = (Delete) other;
        if (pos <= d.pos()) {
            return this;
        }
        if (pos >= d.end()) {
            return new Insert(pos - d.length(), text);
        }
        // Typed inside a range deleted meanwhile: it goes with the range, on both sides.
        return new Insert(d.pos(), "");
    }

    @Override
    public boolean isEmpty() {
        return text.isEmpty();
    }
}
