package dev.smkit.emulator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The Secrets Manager service model (shapes and their constraints) that request validation reads. Where it comes from,
 * first found wins:
 * <ol>
 * <li>the file named by the system property {@code smkit.emulator.serviceModel} (a service-2.json, optionally .gz);</li>
 * <li>{@code codegen-resources/service-2.json} on the classpath, as some AWS SDK jars ship it (2.57.8 does not);</li>
 * <li>the extract bundled with the emulator ({@code secretsmanager-model.json}: the model's operations, shapes, members,
 * required members, lengths, ranges, patterns, enums and sensitive flags, without documentation), written from the
 * public service model by {@code emulator/tools/extract-model-constraints.py}.</li>
 * </ol>
 * The SDK's generated model classes carry member names and types but no lengths, patterns or required flags, so they
 * cannot be the source of constraints; a test checks that the model loaded here and the SDK classes agree on
 * operations, members and enums.
 */
public final class ServiceModel {
    public static final String PROPERTY = "smkit.emulator.serviceModel";
    private static final String SDK_RESOURCE = "codegen-resources/service-2.json";
    private static final String BUNDLED = "secretsmanager-model.json";

    private static volatile ServiceModel instance;

    private final String source;
    private final Map<String, String> inputShapes = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();

    /** One shape: its type and constraints, members (structures) or element (lists). */
    public static final class Shape {
        final String name;
        final String type;
        final Long min;
        final Long max;
        final String pattern;
        final Pattern compiled;
        final List<String> enumValues;
        final boolean sensitive;
        final List<String> required;
        final Map<String, String> members;
        final String member;

        Shape(String name, Map<String, JsonNode> json) {
            this.name = name;
            this.type = text(json.get("type"));
            this.min = number(json.get("min"));
            this.max = number(json.get("max"));
            this.pattern = text(json.get("pattern"));
            this.compiled = pattern == null ? null : Pattern.compile(pattern);
            this.enumValues = strings(json.get("enum"));
            JsonNode sensitiveNode = json.get("sensitive");
            this.sensitive = sensitiveNode != null && sensitiveNode.isBoolean() && sensitiveNode.asBoolean();
            this.required = strings(json.get("required"));
            Map<String, String> memberShapes = new LinkedHashMap<>();
            JsonNode membersNode = json.get("members");
            if (membersNode != null && membersNode.isObject()) {
                for (Map.Entry<String, JsonNode> entry : membersNode.asObject().entrySet()) {
                    memberShapes.put(entry.getKey(), text(entry.getValue().asObject().get("shape")));
                }
            }
            this.members = Collections.unmodifiableMap(memberShapes);
            JsonNode memberNode = json.get("member");
            this.member = memberNode == null ? null : text(memberNode.asObject().get("shape"));
        }

        public String type() {
            return type;
        }

        public Map<String, String> members() {
            return members;
        }

        public List<String> enumValues() {
            return enumValues;
        }

        private static String text(JsonNode node) {
            return node == null || !node.isString() ? null : node.asString();
        }

        private static Long number(JsonNode node) {
            return node == null || !node.isNumber() ? null : Long.valueOf(node.asNumber());
        }

        private static List<String> strings(JsonNode node) {
            if (node == null || !node.isArray()) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (JsonNode element : node.asArray()) {
                values.add(element.asString());
            }
            return Collections.unmodifiableList(values);
        }
    }

    private ServiceModel(String source, JsonNode root) {
        this.source = source;
        for (Map.Entry<String, JsonNode> op : root.field("operations").get().asObject().entrySet()) {
            JsonNode input = op.getValue().asObject().get("input");
            inputShapes.put(op.getKey(), input == null ? null : input.asObject().get("shape").asString());
        }
        for (Map.Entry<String, JsonNode> shape : root.field("shapes").get().asObject().entrySet()) {
            shapes.put(shape.getKey(), new Shape(shape.getKey(), shape.getValue().asObject()));
        }
    }

    /** The model, loaded once. */
    public static ServiceModel get() {
        ServiceModel model = instance;
        if (model == null) {
            synchronized (ServiceModel.class) {
                model = instance;
                if (model == null) {
                    model = load();
                    instance = model;
                }
            }
        }
        return model;
    }

    private static ServiceModel load() {
        String file = System.getProperty(PROPERTY);
        try {
            if (file != null && !file.isEmpty()) {
                Path path = Paths.get(file);
                try (InputStream in = Files.newInputStream(path)) {
                    return new ServiceModel(path.toString(), parse(file.endsWith(".gz") ? new GZIPInputStream(in) : in));
                }
            }
            InputStream sdk = ServiceModel.class.getClassLoader().getResourceAsStream(SDK_RESOURCE);
            if (sdk != null) {
                try (InputStream in = sdk) {
                    JsonNode root = parse(in);
                    JsonNode metadata = root.field("metadata").orElse(null);
                    if (metadata != null && metadata.field("targetPrefix").map(JsonNode::asString).orElse("")
                            .equals("secretsmanager")) {
                        return new ServiceModel("classpath:" + SDK_RESOURCE, root);
                    }
                }
            }
            try (InputStream in = ServiceModel.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("The bundled service model " + BUNDLED + " is missing");
                }
                return new ServiceModel("bundled:" + BUNDLED, parse(in));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the Secrets Manager service model", e);
        }
    }

    private static JsonNode parse(InputStream in) throws IOException {
        return JsonNode.parser().parse(in.readAllBytes());
    }

    /** Where the model was read from, e.g. {@code bundled:secretsmanager-model.json}. */
    public String source() {
        return source;
    }

    public java.util.Set<String> operations() {
        return Collections.unmodifiableSet(new TreeSet<>(inputShapes.keySet()));
    }

    /** The input shape of an operation, or null. */
    public Shape input(String operation) {
        String name = inputShapes.get(operation);
        return name == null ? null : shapes.get(name);
    }

    public Shape shape(String name) {
        return shapes.get(name);
    }
}
