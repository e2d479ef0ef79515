// ctemplate behind the C interface of view.h, with templates cached per process.
#include <ftw.h>
#include <string.h>

#include <fstream>
#include <string>

#include <ctemplate/template.h>

extern "C" {
#include "log.h"
#include "view.h"
}

#define AUTOESCAPE_PRAGMA "{{%AUTOESCAPE context=\"HTML\"}}"

using ctemplate::TemplateDictionary;

static const ctemplate::Strip view_strip = ctemplate::STRIP_BLANK_LINES;
static std::string view_root;

static TemplateDictionary *
to_dict(struct view_dict *dict)
{
	return reinterpret_cast<TemplateDictionary *>(dict);
}

static struct view_dict *
from_dict(TemplateDictionary *dict)
{
	return reinterpret_cast<struct view_dict *>(dict);
}

/*
 * Loads one template into the cache, so that workers forked afterwards
 * share it and a broken template is reported at start rather than on
 * its first request. A template without the auto-escape pragma would
 * print values unescaped, so it is reported too.
 */
static int
preload_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t len = strlen(path);

	if (type != FTW_F || len < 4 || strcmp(path + len - 4, ".tpl") != 0)
		return 0;

	std::string name(path + view_root.size() + 1);
	std::ifstream file(path);
	std::string first_line;
	std::getline(file, first_line);
	if (first_line != AUTOESCAPE_PRAGMA)
		log_error("view: %s does not start with %s", name.c_str(),
		    AUTOESCAPE_PRAGMA);
	if (!ctemplate::LoadTemplate(name, view_strip))
		log_error("view: template %s failed to load", name.c_str());
	return 0;
}

void
view_init(const char *root)
{
	view_root = root;
	while (view_root.size() > 1 && view_root.back() == '/')
		view_root.pop_back();
	ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(
	    view_root);
	if (nftw(view_root.c_str(), preload_one, 16, FTW_PHYS) != 0)
		log_error("view: cannot read the templates folder %s",
		    view_root.c_str());
}

struct view_dict *
view_dict_new(const char *name)
{
	return from_dict(new TemplateDictionary(name));
}

void
view_dict_free(struct view_dict *dict)
{
	delete to_dict(dict);
}

void
view_set(struct view_dict *dict, const char *key, const char *value)
{
	to_dict(dict)->SetValue(key, value != NULL ? value : "");
}

void
view_set_int(struct view_dict *dict, const char *key, long value)
{
	to_dict(dict)->SetIntValue(key, value);
}

void
view_set_global(struct view_dict *dict, const char *key, const char *value)
{
	to_dict(dict)->SetTemplateGlobalValue(key, value != NULL ? value : "");
}

void
view_show(struct view_dict *dict, const char *section)
{
	to_dict(dict)->ShowSection(section);
}

void
view_show_global(struct view_dict *dict, const char *section)
{
	to_dict(dict)->ShowTemplateGlobalSection(section);
}

struct view_dict *
view_add_section(struct view_dict *dict, const char *section)
{
	return from_dict(to_dict(dict)->AddSectionDictionary(section));
}

struct view_dict *
view_add_include(
    struct view_dict *dict, const char *name, const char *template_file)
{
	TemplateDictionary *include = to_dict(dict)->AddIncludeDictionary(name);

	include->SetFilename(template_file);
	return from_dict(include);
}

bool
view_render(const char *template_file, struct view_dict *dict, struct buf *out)
{
	std::string text;

	if (!ctemplate::ExpandTemplate(
	        template_file, view_strip, to_dict(dict), &text)) {
		log_error("view: cannot expand template %s", template_file);
		return false;
	}
	buf_append(out, text.data(), text.size());
	return true;
}
