package dev.switchboard.worker;

import java.util.concurrent.CompletableFuture;

/** The {@link ExecutionContext} of one request: logs a failed {@code waitUntil} task with the request id. */
final class WorkerExecutionContext implements ExecutionContext {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.worker");

    private final String requestId;

    WorkerExecutionContext(String requestId) {
        this.requestId = requestId;
    }

    @Override
    public void waitUntil(CompletableFuture<?> task) {
        task.whenComplete((value, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "waitUntil task of request " + requestId + " failed", error);
            }
        });
    }

    @Override
    public String requestId() {
        return requestId;
    }
}
