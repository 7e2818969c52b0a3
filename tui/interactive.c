/* The interactive program's entry (replaced by the screens). */
#include "config.h"

#include "core/i18n.h"
#include "tui/commands.h"
#include "tui/options.h"

/* Returns 2: the interview screens are not part of this build yet. */
int gu_tui_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	gu_complain(_("give a command; see \"%s --help\""), PACKAGE);
	return 2;
}
