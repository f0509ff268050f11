package dev.switchboard.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.cli.ConfigException;
import dev.switchboard.cli.config.ProjectConfig.Binding;
import dev.switchboard.cli.config.ProjectConfig.Located;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the text of a {@code switchboard.jsonc}: JSON with comments and trailing commas. Every key
 * is checked, and a problem becomes one {@link ConfigException} naming the key and its line.
 */
final class ConfigReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final Set<String> TOP = Set.of("$schema", "name", "main", "durable_objects", "vars", "dev");
    private static final Set<String> BINDING = Set.of("name", "class_name");

    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();

    ConfigReader(String source) {
        this.source = source;
    }

    ProjectConfig read(String text, Path file, Map<String, String> secrets) {
        JsonNode root;
        try {
            indexLines(text);
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(where(at == null ? 0 : at.getLineNr()) + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "; fix the syntax there");
        } catch (IOException e) {
            throw new ConfigException(source + ": " + e.getMessage() + "; check the file");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(where(1) + ": the file must hold one JSON object, such as"
                    + " {\"main\": \"com.example.app.AppWorker\"}");
        }
        checkKeys(root, "", TOP);
        JsonNode main = root.get("main");
        if (main == null) {
            throw new ConfigException(where(1) + ": no \"main\"; add \"main\": \"com.example.app.AppWorker\","
                    + " the worker class");
        }
        text(main, "/main");
        return new ProjectConfig(file, new Located<>(main.asText(), line("/main")), bindings(root.get("durable_objects")),
                vars(root.get("vars")), secrets, dev(root.get("dev")));
    }

    private List<Binding> bindings(JsonNode section) {
        var result = new ArrayList<Binding>();
        if (section == null) {
            return result;
        }
        object(section, "/durable_objects");
        checkKeys(section, "/durable_objects", Set.of("bindings"));
        JsonNode list = section.get("bindings");
        if (list == null) {
            return result;
        }
        if (!list.isArray()) {
            throw wrongType("/durable_objects/bindings", "a list such as [{\"name\": \"ROOMS\", \"class_name\": \"…\"}]");
        }
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/durable_objects/bindings/" + i;
            JsonNode binding = list.get(i);
            object(binding, at);
            checkKeys(binding, at, BINDING);
            for (String key : List.of("name", "class_name")) {
                if (binding.get(key) == null) {
                    throw new ConfigException(where(line(at)) + ": " + dotted(at) + " has no \"" + key + "\"; write"
                            + " {\"name\": \"ROOMS\", \"class_name\": \"com.example.app.ChatRoom\"}");
                }
                text(binding.get(key), at + "/" + key);
            }
            String name = binding.get("name").asText();
            Integer before = seen.put(name, line(at + "/name"));
            if (before != null) {
                throw new ConfigException(where(line(at + "/name")) + ": binding \"" + name + "\" is bound twice"
                        + " (first on line " + before + "); give each binding its own name");
            }
            result.add(new Binding(name, binding.get("class_name").asText(), line(at + "/class_name")));
        }
        return result;
    }

    private Map<String, String> vars(JsonNode section) {
        var result = new LinkedHashMap<String, String>();
        if (section == null) {
            return result;
        }
        object(section, "/vars");
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw wrongType("/vars/" + entry.getKey(), "a string, number or boolean");
            }
            result.put(entry.getKey(), value.asText());
        }
        return result;
    }

    private Map<String, Located<JsonNode>> dev(JsonNode section) {
        var result = new LinkedHashMap<String, Located<JsonNode>>();
        if (section == null) {
            return result;
        }
        object(section, "/dev");
        checkKeys(section, "/dev", DevKey.ALL.stream().map(DevKey::key).collect(Collectors.toSet()));
        for (DevKey key : DevKey.ALL) {
            JsonNode value = section.get(key.key());
            if (value == null) {
                continue;
            }
            String at = "/dev/" + key.key();
            boolean ok = switch (key.kind()) {
                case INTEGER -> value.isIntegralNumber() && value.canConvertToInt();
                case TEXT -> value.isTextual() || value.isNumber();
                case BOOLEAN -> value.isBoolean();
                case TEXT_LIST -> value.isArray() && allText(value);
            };
            if (!ok) {
                throw wrongType(at, key.kind().example());
            }
            result.put(key.key(), new Located<>(value, line(at)));
        }
        return result;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private void checkKeys(JsonNode object, String at, Set<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(where(line(at + "/" + key)) + ": unknown key \"" + dotted(at + "/" + key)
                        + "\"; remove it or use one of " + known.stream().sorted().toList());
            }
        }
    }

    private void object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw wrongType(at, "an object {…}");
        }
    }

    private void text(JsonNode node, String at) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw wrongType(at, "a non-empty string");
        }
    }

    private ConfigException wrongType(String at, String expected) {
        return new ConfigException(where(line(at)) + ": \"" + dotted(at) + "\" must be " + expected);
    }

    private String where(int line) {
        return line > 0 ? source + " line " + line : source;
    }

    /** {@code /durable_objects/bindings/0/name} → {@code durable_objects.bindings[0].name}. */
    private static String dotted(String pointer) {
        var out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.chars().allMatch(Character::isDigit) && !part.isEmpty()) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part);
            }
        }
        return out.toString();
    }

    /** Returns the line of {@code pointer}, or of its nearest ancestor that has one. */
    private int line(String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 1;
    }

    // One streaming pass records the line of every key and array element, since a tree has no lines.
    private void indexLines(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                var context = parser.getParsingContext();
                JsonPointer pointer = token.isStructStart()
                        ? context.getParent() == null ? null : context.getParent().pathAsPointer()
                        : context.pathAsPointer();
                if (pointer != null) {
                    lines.putIfAbsent(pointer.toString(), parser.currentTokenLocation().getLineNr());
                }
            }
        }
    }
}
