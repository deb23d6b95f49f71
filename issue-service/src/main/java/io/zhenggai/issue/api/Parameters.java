package io.zhenggai.issue.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import io.zhenggai.issue.ledger.Texts;

/**
 * How every typed parameter of the API is read (UUIDs, dates, enums, whole numbers, booleans), in one place: a
 * value that does not read as its type is a 400 problem naming the parameter and saying what it should be, where the
 * REST layer would answer a bare 404 for a path or query parameter.
 */
@Provider
public class Parameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (rawType == String.class) {
            return (ParamConverter<T>) converter(name, "a text without U+0000 or half surrogate pairs", text -> {
                if (!Texts.isStorable(text)) {
                    throw new IllegalArgumentException(name);
                }
                return text;
            });
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, "a UUID", UUID::fromString);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "a date (yyyy-mm-dd)", LocalDate::parse);
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "a whole number between " + Integer.MIN_VALUE + " and "
                    + Integer.MAX_VALUE, Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "a whole number between " + Long.MIN_VALUE + " and "
                    + Long.MAX_VALUE, Long::valueOf);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, "true or false", Parameters::bool);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String values = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "one of " + values, text -> Enum.valueOf(type, text));
        }
        return null;
    }

    private static <T> ParamConverter<T> converter(String name, String expected, Function<String, T> read) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return read.apply(value);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new InvalidParameterException(name, name + " must be " + expected + ", not '"
                            + abbreviate(value) + "'");
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
            }
        };
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String name(Annotation[] annotations) {
        for (Annotation annotation : annotations == null ? new Annotation[0] : annotations) {
            if (annotation instanceof QueryParam q) {
                return q.value();
            }
            if (annotation instanceof PathParam p) {
                return p.value();
            }
            if (annotation instanceof HeaderParam h) {
                return h.value();
            }
            if (annotation instanceof CookieParam c) {
                return c.value();
            }
        }
        return "parameter";
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
