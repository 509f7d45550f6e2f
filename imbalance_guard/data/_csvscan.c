/* Counting the values of one column of plain CSV text, for the CSV reader's pieces.
 *
 * pyarrow's tokenizer copies every field of every row; counting one column needs only the
 * position of each delimiter, so this scan does about a third of the work. It handles the
 * common case only and answers None for anything else, which the reader then hands to
 * pyarrow, whose errors and rules it keeps: a quote character or a lone carriage return
 * anywhere in the text, an empty line (pyarrow skips those), a row whose field count is not
 * ``columns`` (pyarrow reports it), or more than ``max_values`` distinct values. Lines may
 * end in "\n" or "\r\n". Sixteen bytes are compared at a time where SSE2 is available. The
 * GIL is released while scanning, so one thread per core scans in parallel.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct {
    const char *text;
    Py_ssize_t length;
    Py_ssize_t count;
} Value;

typedef struct {
    char delimiter;
    Py_ssize_t columns, column, max_values, distinct;
    Value *values, *last;
    const char *end;                              /* the end of the text */
    const char *line, *field, *value, *value_end; /* where the current line and field begin */
    Py_ssize_t index;                             /* the current field's index in its line */
} Scan;

/* Count the value of the line whose text ends at ``stop`` and whose terminator at ``next``;
   0, or -1 when pyarrow must decide. */
static int end_line(Scan *s, const char *stop, const char *next)
{
    if (stop == s->line)
        return -1; /* an empty line */
    if (s->index == s->column) {
        s->value = s->field;
        s->value_end = stop;
    }
    if (s->index + 1 != s->columns)
        return -1; /* a ragged row */
    Py_ssize_t length = s->value_end - s->value;
    Value *found = NULL;
    if (s->last != NULL && s->last->length == length
        && memcmp(s->last->text, s->value, (size_t)length) == 0) {
        found = s->last;
    } else {
        for (Py_ssize_t i = 0; i < s->distinct; i++) {
            if (s->values[i].length == length
                && memcmp(s->values[i].text, s->value, (size_t)length) == 0) {
                found = &s->values[i];
                break;
            }
        }
        if (found == NULL) {
            if (s->distinct == s->max_values)
                return -1;
            found = &s->values[s->distinct++];
            found->text = s->value;
            found->length = length;
            found->count = 0;
        }
    }
    found->count++;
    s->last = found;
    s->line = s->field = next;
    s->index = 0;
    return 0;
}

/* One byte of the text; 0, or -1 when pyarrow must decide. */
static inline int take(Scan *s, const char *c)
{
    char byte = *c;
    if (byte == s->delimiter) {
        if (s->index == s->column) {
            s->value = s->field;
            s->value_end = c;
        }
        s->index++;
        s->field = c + 1;
    } else if (byte == '\n') {
        /* "\r\n" ends a line as "\n" does; the "\r" is not part of the last field */
        const char *stop = (c > s->line && c[-1] == '\r') ? c - 1 : c;
        return end_line(s, stop, c + 1);
    } else if (byte == '\r') {
        return (c + 1 < s->end && c[1] == '\n') ? 0 : -1; /* pyarrow ends a line at a lone "\r" */
    } else if (byte == '"') {
        return -1;
    }
    return 0;
}

/* Scan ``text``; fill ``values``; return the number of distinct values, or -1 for None. */
static Py_ssize_t scan(const char *text, Py_ssize_t size, char delimiter, Py_ssize_t columns,
                       Py_ssize_t column, Value *values, Py_ssize_t max_values)
{
    Scan s = {delimiter, columns, column, max_values, 0, values, NULL,
              text + size, text, text, NULL, NULL, 0};
    const char *c = text, *end = text + size;
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
    /* Sixteen bytes at a time: most hold no byte of interest, and those that do are
       visited one set bit at a time. */
    const __m128i want_delimiter = _mm_set1_epi8(delimiter), want_newline = _mm_set1_epi8('\n'),
                  want_quote = _mm_set1_epi8('"'), want_return = _mm_set1_epi8('\r');
    for (; end - c >= 16; c += 16) {
        __m128i chunk = _mm_loadu_si128((const __m128i *)c);
        __m128i special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(chunk, want_delimiter), _mm_cmpeq_epi8(chunk, want_newline)),
            _mm_or_si128(_mm_cmpeq_epi8(chunk, want_quote), _mm_cmpeq_epi8(chunk, want_return)));
        unsigned int mask = (unsigned int)_mm_movemask_epi8(special);
        while (mask != 0) {
            if (take(&s, c + __builtin_ctz(mask)) < 0)
                return -1;
            mask &= mask - 1;
        }
    }
#endif
    for (; c < end; c++) {
        if (take(&s, c) < 0)
            return -1;
    }
    if (s.line < end && end_line(&s, end, end) < 0) /* the last line, without a newline */
        return -1;
    return s.distinct;
}

static PyObject *count_column(PyObject *Py_UNUSED(module), PyObject *args)
{
    Py_buffer buffer;
    int delimiter;
    Py_ssize_t columns, column, max_values;
    if (!PyArg_ParseTuple(args, "y*innn:count_column", &buffer, &delimiter, &columns, &column,
                          &max_values))
        return NULL;
    if (columns < 1 || column < 0 || column >= columns || max_values < 1 || delimiter < 0
        || delimiter > 255) {
        PyBuffer_Release(&buffer);
        PyErr_SetString(PyExc_ValueError, "count_column: bad arguments");
        return NULL;
    }
    Value *values = PyMem_Malloc(sizeof(Value) * (size_t)max_values);
    if (values == NULL) {
        PyBuffer_Release(&buffer);
        return PyErr_NoMemory();
    }
    Py_ssize_t distinct;
    Py_BEGIN_ALLOW_THREADS
    distinct = scan(buffer.buf, buffer.len, (char)delimiter, columns, column, values,
                    max_values);
    Py_END_ALLOW_THREADS
    PyObject *result = NULL;
    if (distinct < 0) {
        result = Py_NewRef(Py_None);
    } else if ((result = PyDict_New()) != NULL) {
        for (Py_ssize_t i = 0; i < distinct; i++) {
            PyObject *key = PyBytes_FromStringAndSize(values[i].text, values[i].length);
            PyObject *count = key ? PyLong_FromSsize_t(values[i].count) : NULL;
            if (count == NULL || PyDict_SetItem(result, key, count) < 0) {
                Py_XDECREF(key);
                Py_XDECREF(count);
                Py_CLEAR(result);
                break;
            }
            Py_DECREF(key);
            Py_DECREF(count);
        }
    }
    PyMem_Free(values);
    PyBuffer_Release(&buffer);
    return result;
}

static PyMethodDef methods[] = {
    {"count_column", count_column, METH_VARARGS,
     "count_column(text, delimiter, columns, column, max_values) -> dict[bytes, int] | None\n\n"
     "Count the values of field ``column`` (0-based) in rows of ``columns`` fields, or None\n"
     "when the text needs pyarrow's rules (quotes, lone carriage returns, empty lines, a row of\n"
     "another length, more than ``max_values`` distinct values)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_csvscan",
    "Counting one column of plain CSV text (see count_column).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__csvscan(void) { return PyModule_Create(&module); }
