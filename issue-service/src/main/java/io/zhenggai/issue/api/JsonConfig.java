package io.zhenggai.issue.api;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.zhenggai.issue.ledger.Texts;

/**
 * Exact figures and exact types on the wire: decimals are written plain (310000000, not 3.1E+8) and read as
 * BigDecimal; a field takes only its own JSON type (a number is not a text, "true" is not a boolean, 1 is not an
 * enum value), so a wrong type is a 400 naming the field rather than a silent conversion; and every text is
 * {@linkplain Texts#isStorable storable} (no U+0000, no half surrogate pair).
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        for (CoercionInputShape scalar : new CoercionInputShape[]{CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        for (LogicalType typed : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(typed).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("zhenggai-texts")
                .addDeserializer(String.class, new TextDeserializer())
                .addKeyDeserializer(String.class, new TextKeyDeserializer()));
    }

    static final String UNSTORABLE = "a text may not contain U+0000 or half of a surrogate pair";

    /** Strings as Jackson reads them, refusing what cannot be stored. */
    static final class TextDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (!Texts.isStorable(text)) {
                return (String) context.handleWeirdStringValue(String.class, text, UNSTORABLE);
            }
            return text;
        }
    }

    /** Map keys (dimensions), refusing what cannot be stored. */
    static final class TextKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (!Texts.isStorable(key)) {
                return context.handleWeirdKey(String.class, key, UNSTORABLE);
            }
            return key;
        }
    }
}
