// SPDX-License-Identifier: GPL-3.0-or-later
// Augmentation with its distortions switched off is the identity (the image scaled to 0..1);
// with only the stroke change switched on, each result is a pure thickening or a pure thinning
// of the image, and both occur.
#include "core/data/augment.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace tinyml::core;

namespace {

/// A 28x28 "digit": a ring of ink with soft edges.
std::vector<std::uint8_t> ring()
{
    std::vector<std::uint8_t> img(784, 0);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const double r = std::hypot(x - 13.5, y - 13.5);
            const double d = std::abs(r - 7.0);
            img[std::size_t(y * 28 + x)] = std::uint8_t(d < 1.5 ? 255 : (d < 2.5 ? 120 : 0));
        }
    return img;
}

AugmentLimits nothing()
{
    AugmentLimits l;
    l.maxShift = 0.0f;
    l.maxRotation = 0.0f;
    l.minScale = 1.0f;
    l.maxScale = 1.0f;
    l.strokeChange = 0.0f;
    return l;
}

} // namespace

class TestAugment : public QObject
{
    Q_OBJECT

private slots:
    void withoutDistortionsIsTheIdentity()
    {
        const auto src = ring();
        std::vector<float> dst(784);
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            Rng rng(seed);
            augmentImage(src.data(), 28, 28, dst.data(), rng, nothing());
            for (std::size_t i = 0; i < dst.size(); ++i)
                QVERIFY2(std::abs(dst[i] - float(src[i]) / 255.0f) < 1e-6f,
                         qPrintable(
                             QStringLiteral("seed %1, pixel %2: %3").arg(seed).arg(i).arg(dst[i])));
        }
    }

    void strokeChangeThickensOrThins()
    {
        const auto src = ring();
        AugmentLimits limits = nothing();
        limits.strokeChange = 1.0f; // always
        std::vector<float> dst(784);
        int thicker = 0, thinner = 0;
        for (std::uint64_t seed = 1; seed <= 60; ++seed) {
            Rng rng(seed);
            augmentImage(src.data(), 28, 28, dst.data(), rng, limits);
            bool up = true, down = true;
            double gain = 0.0;
            for (std::size_t i = 0; i < dst.size(); ++i) {
                const float before = float(src[i]) / 255.0f;
                up = up && dst[i] >= before - 1e-6f;
                down = down && dst[i] <= before + 1e-6f;
                gain += dst[i] - before;
            }
            QVERIFY2(up != down, qPrintable(QStringLiteral("seed %1").arg(seed)));
            QVERIFY(std::abs(gain) > 1.0); // a visible change
            thicker += up;
            thinner += down;
        }
        // Two thirds thicker: 40 of 60 expected (sd 3.7).
        QVERIFY2(thicker > 25 && thinner > 8,
                 qPrintable(QStringLiteral("%1 / %2").arg(thicker).arg(thinner)));
    }
};

QTEST_GUILESS_MAIN(TestAugment)
#include "tst_augment.moc"
