package dev.switchboard.worker.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.switchboard.durable.SocketInfo;
import java.util.List;

/**
 * One object as {@code GET objects/{binding}/{nameOrId}} shows it: the fields of {@link ObjectView}
 * and, under {@code webSockets}, each socket it holds.
 *
 * @param object the object's snapshot, written inline
 * @param webSockets its sockets, hibernatable first; empty when it holds none or is not in memory
 */
public record ObjectDetail(@JsonUnwrapped ObjectView object, List<SocketInfo> webSockets) {
}
