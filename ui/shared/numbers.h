// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tinyml::ui {

/// v with a fixed number of decimals, as the user's locale writes it ("98,14" in German,
/// "98.14" in English; thousands grouped as the locale groups them).
QString localNumber(double v, int decimals);

} // namespace tinyml::ui
