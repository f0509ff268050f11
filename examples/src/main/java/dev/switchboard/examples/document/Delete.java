package dev.switchboard.examples.document;

/**
 * Deletes {@code length} characters from {@code pos}.
 *
 * @param pos where the deleted range starts
 * @param length how many characters; 0 makes the edit change nothing
 */
public record Delete(int pos, int length) implements Edit {

    /** Returns where the deleted range ends, exclusive. */
    public int end() {
        return pos + length;
    }

    @Override
    public String apply(String doc) {
        if (pos < 0 || length < 0 || (long) pos + length > doc.length()) {
            throw new IllegalArgumentException("delete of " + length + " at " + pos + " does not fit in a text of "
                    + doc.length() + " characters: send a range inside the text");
        }
        return doc.substring(0, pos) + doc.substring(end());
    }

    @Override
    public Edit transform(Edit other, boolean otherFirst) {
        if (other instanceof Insert i) {
            if (i.pos() <= pos) {
                return new Delete(pos + i.text().length(), length);
            }
            // Text inserted inside the range meanwhile is deleted too, as Insert.transform says.
            return i.pos() >= end() ? this : new Delete(pos, length + i.text().length());
        }
        Delete d = (Delete) other;
        if (end() <= d.pos()) {
            return this;
        }
        if (pos >= d.end()) {
            return new Delete(pos - d.length(), length);
        }
        // Overlapping: what the other already deleted is not deleted twice.
        int overlap = Math.min(end(), d.end()) - Math.max(pos, d.pos());
        return new Delete(Math.min(pos, d.pos()), length - overlap);
    }

    @Override
    public boolean isEmpty() {
        return length == 0;
    }
}
