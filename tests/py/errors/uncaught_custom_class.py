# An uncaught user-defined exception from a method, with a multi-line str().
class ValidationError(Exception):
    def __str__(self):
        return 'invalid fields:\n  ' + '\n  '.join(self.args)


class Form:
    def __init__(self, **fields):
        self.fields = fields

    def validate(self):
        missing = [k for k, v in self.fields.items() if not v]
        if missing:
            raise ValidationError(*missing)
        return True


print(Form(a=1).validate())
Form(a=1, b='', c=None).validate()
