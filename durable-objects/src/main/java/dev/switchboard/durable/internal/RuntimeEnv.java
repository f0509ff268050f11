package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectNamespace;
import dev.switchboard.durable.Env;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@link Env} of a runtime: one namespace per bound class, and the variables. */
final class RuntimeEnv implements Env {

    private final Map<String, DurableObjectNamespace> namespaces;
    private final Map<String, String> vars;

    RuntimeEnv(ObjectRegistry registry) {
        var map = new TreeMap<String, DurableObjectNamespace>();
        registry.classes().keySet().forEach(binding -> map.put(binding, new RuntimeNamespace(registry, binding)));
        this.namespaces = Map.copyOf(map);
        this.vars = registry.vars();
    }

    @Override
    public DurableObjectNamespace namespace(String bindingName) {
        DurableObjectNamespace ns = namespaces.get(bindingName);
        if (ns == null) {
            throw new DurableObjectException(DurableObjectException.Code.UNKNOWN_BINDING,
                    "no Durable Object bound to \"" + bindingName + "\" (bound: " + new TreeMap<>(namespaces).keySet()
                            + "): add durableObject(\"" + bindingName + "\", YourClass::new)");
        }
        return ns;
    }

    @Override
    public Optional<String> var(String name) {
        return Optional.ofNullable(vars.get(name));
    }

    @Override
    public Map<String, String> vars() {
        return vars;
    }
}
