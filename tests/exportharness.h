// SPDX-License-Identifier: GPL-3.0-or-later
// What the export proofs (tst_export, tst_convexport) compile beside the generated C: a program
// that classifies the images of an IDX file and writes each class and its scores in binary,
// and a writer of text files.
#pragma once

#include "core/io/fileio.h"

#include <QString>

#include <cstdint>
#include <string>

namespace tinyml::test {

/// The harness's C source for generated code whose identifiers start with prefix + "_". It
/// prints the self-test's result, then for each image the class (1 byte) and 10 scores (float,
/// or with INT8 defined: int8 scores, then the float entry point's class and scores).
inline std::string exportHarness(const std::string &prefix)
{
    std::string text = R"(#include <stdio.h>
#include <stdlib.h>
#include "model.h"
/* Reads an IDX image file, classifies every image, writes class and scores in binary. */
int main(int argc, char **argv)
{
    static unsigned char pixels[784];
    unsigned char header[16];
    FILE *f;
    int n, k, i;
    if (argc < 3) return 2;
    printf("%d\n", PREFIX_self_test());
    fflush(stdout);
    f = fopen(argv[1], "rb");
    if (!f || fread(header, 1, 16, f) != 16) return 3;
    n = atoi(argv[2]);
    for (k = 0; k < n; ++k) {
        if (fread(pixels, 1, 784, f) != 784) return 4;
#ifdef INT8
        {
            int8_t x[784], s[10];
            float xf[784], sf[10];
            unsigned char c, cf;
            for (i = 0; i < 784; ++i) x[i] = (int8_t)((int)pixels[i] - 128);
            c = (unsigned char)PREFIX_predict_int8(x, s);
            fwrite(&c, 1, 1, stdout);
            fwrite(s, 1, 10, stdout);
            /* The float entry point of the int8 model: quantizes the input itself. */
            for (i = 0; i < 784; ++i) xf[i] = (float)pixels[i] / 255.0f;
            cf = (unsigned char)PREFIX_predict(xf, sf);
            fwrite(&cf, 1, 1, stdout);
            fwrite(sf, sizeof(float), 10, stdout);
        }
#else
        {
            float x[784], s[10];
            unsigned char c;
            for (i = 0; i < 784; ++i) x[i] = (float)pixels[i] / 255.0f;
            c = (unsigned char)PREFIX_predict(x, s);
            fwrite(&c, 1, 1, stdout);
            fwrite(s, sizeof(float), 10, stdout);
        }
#endif
    }
    fclose(f);
    return 0;
}
)";
    for (std::size_t at = text.find("PREFIX_"); at != std::string::npos; at = text.find("PREFIX_", at))
        text.replace(at, 6, prefix);
    return text;
}

/// Writes text to path (atomically, as the studio saves).
inline void writeText(const QString &path, const std::string &text)
{
    core::writeFileAtomically(path.toStdString(),
                              {reinterpret_cast<const std::uint8_t *>(text.data()), text.size()});
}

} // namespace tinyml::test
