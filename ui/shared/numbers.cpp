// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/numbers.h"

#include <QLocale>

namespace tinyml::ui {

QString localNumber(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

} // namespace tinyml::ui
