package dev.switchboard.examples.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

// Edit.transform: two edits made at once give the same text in either order, for every pair on a short text.
class EditTest {

    private static final String TEXT = "abcdef";

    @Test
    void everyPairOfConcurrentEditsGivesTheSameTextWhicheverArrivesFirst() {
        int pairs = 0;
        for (Edit first : all("X")) {
            for (Edit second : all("YZ")) {
                // The document applies first, then second rewritten over it; a page that made second
                // applies it, then first rewritten over it. Both must read the same.
                String atDocument = second.transform(first, true).apply(first.apply(TEXT));
                String atPage = first.transform(second, false).apply(second.apply(TEXT));
                assertEquals(atDocument, atPage, first + " then " + second);
                pairs++;
            }
        }
        assertEquals(all("X").size() * all("YZ").size(), pairs);
    }

    @Test
    void twoInsertsAtOnePositionPutTheOneAheadInOrderOnTheLeft() {
        Edit ann = new Insert(3, "ann");
        Edit bob = new Insert(3, "bob");
        assertEquals("abcannbobdef", bob.transform(ann, true).apply(ann.apply(TEXT)));
        assertEquals("abcannbobdef", ann.transform(bob, false).apply(bob.apply(TEXT)));
    }

    @Test
    void textTypedInsideARangeDeletedMeanwhileGoesWithIt() {
        Edit typed = new Insert(3, "X");
        Edit deleted = new Delete(1, 4);
        assertEquals("af", typed.transform(deleted, true).apply(deleted.apply(TEXT)));
        assertEquals("af", deleted.transform(typed, false).apply(typed.apply(TEXT)));
        assertEquals(new Insert(1, ""), typed.transform(deleted, true));
    }

    @Test
    void anEditThatDoesNotFitSaysWhere() {
        var error = assertThrows(IllegalArgumentException.class, () -> new Delete(4, 3).apply(TEXT));
        assertEquals("delete of 3 at 4 does not fit in a text of 6 characters: send a range inside the text", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Insert(7, "x").apply(TEXT));
        assertThrows(IllegalArgumentException.class, () -> new Delete(1, Integer.MAX_VALUE).apply(TEXT));
    }

    /** Every insert of {@code inserted} and every delete (empty ones too) on {@link #TEXT}. */
    private static List<Edit> all(String inserted) {
        var edits = new ArrayList<Edit>();
        for (int pos = 0; pos <= TEXT.length(); pos++) {
            edits.add(new Insert(pos, inserted));
            for (int length = 0; pos + length <= TEXT.length(); length++) {
                edits.add(new Delete(pos, length));
            }
        }
        return edits;
    }
}
