package dev.switchboard.durable.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The typed client behind {@code stub.rpc(Api.class)}: a proxy whose calls run as turns of the
 * object, with arguments and results copied through Jackson so that caller and object never share a
 * mutable value (as Cloudflare's RPC copies across isolates).
 *
 * <pre>
 *   caller: api.add(5) ──encode args──► turn of the object: decode args as the method's parameter types,
 *           future ◄──decode result──── call the method on the instance, wait for its future, encode result
 * </pre>
 *
 * <p>Dynamic proxies are the one place the runtime uses reflection: an interface the user wrote is
 * the whole point of typed RPC.
 */
final class RpcClient implements InvocationHandler {

    private static final ObjectMapper COPIES = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final RuntimeStub stub;
    private final Class<?> api;

    private RpcClient(RuntimeStub stub, Class<?> api) {
        this.stub = stub;
        this.api = api;
    }

    /** Returns a proxy of {@code api} that calls the object behind {@code stub}. */
    static <T> T create(RuntimeStub stub, Class<T> api) {
        if (api == null || !api.isInterface()) {
            throw new IllegalArgumentException("rpc(...) takes an interface that the object's class implements, got "
                    + (api == null ? "null" : api.getName()));
        }
        for (Method method : api.getMethods()) {
            if (!method.isDefault() && !CompletableFuture.class.equals(method.getReturnType())) {
                throw new IllegalArgumentException(api.getSimpleName() + "." + method.getName() + " returns "
                        + method.getReturnType().getSimpleName() + "; RPC methods return CompletableFuture<T>, since a"
                        + " call to another object is asynchronous: change it to CompletableFuture<"
                        + boxed(method.getReturnType()) + ">");
            }
        }
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, new RpcClient(stub, api)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "rpc client of " + api.getSimpleName() + " for " + stub;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
        String name = api.getSimpleName() + "." + method.getName();
        byte[][] copies;
        try {
            copies = encodeArguments(name, args == null ? new Object[0] : args);
        } catch (DurableObjectException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stub.<byte[]>call((host, chain, result) ->
                host.runTurn(name, chain, true, instance -> serve(instance, method, name, copies), result))
                .thenApply(bytes -> decode(bytes, resultType(method), "the result of " + name));
    }

    /** The object's side: runs the method on the instance and returns its result as JSON. */
    private byte[] serve(DurableObject instance, Method method, String name, byte[][] copies) {
        if (!api.isInstance(instance)) {
            throw new DurableObjectException(DurableObjectException.Code.RPC_FAILED,
                    instance.getClass().getSimpleName() + " does not implement " + api.getSimpleName() + ", so "
                            + name + " cannot be called on it; add `implements " + api.getSimpleName()
                            + "` to the class");
        }
        Type[] types = method.getGenericParameterTypes();
        Object[] args = new Object[copies.length];
        for (int i = 0; i < copies.length; i++) {
            args[i] = decode(copies[i], COPIES.getTypeFactory().constructType(types[i]),
                    "argument " + (i + 1) + " of " + name);
        }
        Object value;
        try {
            Object returned = method.invoke(instance, args);
            if (returned == null) {
                throw new IllegalStateException(name + " returned null instead of a CompletableFuture");
            }
            value = ((CompletableFuture<?>) returned).get();
        } catch (InvocationTargetException e) {
            throw remote(name, e.getCause());
        } catch (ExecutionException e) {
            throw remote(name, e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw remote(name, e);
        } catch (IllegalAccessException e) {
            throw new DurableObjectException(DurableObjectException.Code.RPC_FAILED,
                    name + " cannot be called: " + e.getMessage() + "; make the interface public", e);
        } catch (RuntimeException e) {
            throw remote(name, e);
        }
        return encode(value, "the result of " + name);
    }

    private static DurableObjectException remote(String name, Throwable thrown) {
        return DurableObjectException.remote(thrown.getClass().getName(),
                name + " threw " + thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
    }

    private static byte[][] encodeArguments(String name, Object[] args) {
        var copies = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            copies[i] = encode(args[i], "argument " + (i + 1) + " of " + name);
        }
        return copies;
    }

    private static byte[] encode(Object value, String what) {
        try {
            return COPIES.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new DurableObjectException(DurableObjectException.Code.RPC_FAILED,
                    what + " (a " + (value == null ? "null" : value.getClass().getName())
                            + ") cannot be copied through Jackson: " + e.getMessage()
                            + "; pass records, collections, strings or numbers", e);
        }
    }

    private static Object decode(byte[] bytes, JavaType type, String what) {
        try {
            return COPIES.readValue(bytes, type);
        } catch (Exception e) {
            throw new DurableObjectException(DurableObjectException.Code.RPC_FAILED,
                    what + " does not read back as " + type + ": " + e.getMessage()
                            + "; use types Jackson can read (records, collections, strings, numbers)", e);
        }
    }

    /** Returns T of the method's {@code CompletableFuture<T>}. */
    private static JavaType resultType(Method method) {
        Type returned = method.getGenericReturnType();
        Type inner = returned instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        return COPIES.getTypeFactory().constructType(inner);
    }

    private static String boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type.getSimpleName();
        }
        return type == int.class ? "Integer" : type == void.class ? "Void" : type == char.class ? "Character"
                : Character.toUpperCase(type.getName().charAt(0)) + type.getName().substring(1);
    }
}
