s = f"{f"{f"{1}"}"}" + f'{f'{"'"}'}'
from c import d
t = f"""{f'''{"import no"}'''}"""; import e
