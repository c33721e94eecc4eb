package io.github.scratchimage.signing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The labelled blocks of a PEM file ({@code -----BEGIN label-----}), in file order. */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

    /** One block; {@code body} is the text between the lines, headers such as Proc-Type included. */
    record Block(String label, String body) {
        boolean hasHeaders() {
            return body.contains(":");
        }

        byte[] decode() throws KeyProblem {
            try {
                return Base64.getMimeDecoder().decode(body.strip());
            } catch (IllegalArgumentException e) {
                throw new KeyProblem("its " + label + " block is not valid base64 (" + e.getMessage() + ")",
                        "the file is damaged: write it again from the original key");
            }
        }
    }

    private Pem() {
    }

    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }
}
